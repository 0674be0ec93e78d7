#!/usr/bin/env python3
"""Generates pages of invented platforms for judging `boilerstrip learn`.

  python3 gen.py --platform orbitrade --out DIR [--train 60 --test 60 --seed 1]

Writes DIR/train/*.txt (raw pages, what `learn` reads) and DIR/test/*.raw with
DIR/test/*.gold.txt (the article as the gold convention of ../../shared/eval
keeps it), so `benches/heldout/score.py` scores the test pages.

The chrome varies the way real sites vary between pages, which is what an
exact-run draft does not survive: a badge inserted into the menu on some pages,
a menu or footer item missing or added, breadcrumbs whose leaf is the
article's section, author names, handles and follow buttons beside them, tag
lines and related headlines that differ per page, counts and dates, and now
and then the body captured twice. Articles use a few shared section headings
("Conclusion") that must stay.

`orbitrade`, `zenbit`, `kryptal` (fr, ko, ar; a standfirst under the title,
"see also" lines inside the body, a related list with dates; scored once, then
looked at in session 11) are development platforms: their failures were looked
at while building. `velanto` (it, pl, vi; a cookie banner, a slash breadcrumb, a
`Label: Name` byline the gold keeps, an ad label inside the body, a tag line, a
related list with read times) was written in session 11 after the changes made
for kryptal, scored once (0.908 with a draft), and then worked on too: all four
are development platforms now, and the next one has to be written and scored
before anything is changed for it.
"""
import argparse
import os
import random

ORBITRADE = {
    "es": dict(
        share=50,
        words="el mercado de los operadores subió tras una semana con volumen alto y liquidez baja en la red según analistas que esperan nuevos fondos para el precio del token".split(),
        menu=["Comprar cripto", "Mercados", "Trading", "Pulse", "Academia", "Promociones"],
        badges=["Nuevo", "Hot"],
        account=["Iniciar sesión", "Registrarse"],
        crumb="Pulse › {leaf}",
        leaves=["Regulación", "DeFi", "Mercados", "Bitcoin", "Ethereum", "NFT", "Análisis", "Macro", "Altcoins", "Seguridad", "Minería", "Stablecoins"],
        follow="Seguir",
        ago=["hace {n} h", "hace {n} min", "hace {n} d"],
        views="{n} vistas",
        headings=["Conclusión", "Qué significa para los inversores", "Contexto"],
        reactions=["Me gusta", "Comentar", "Compartir"],
        related="Artículos relacionados",
        newsletter=["Suscríbete a nuestro boletín", "Correo electrónico", "Suscribirse"],
        footer=["Sobre nosotros", "Prensa", "Términos de uso", "Privacidad", "Cookies", "Centro de ayuda", "Comisiones"],
        footer_extra=["Empleo", "Blog"],
        copyright="© {y} Orbitrade. Todos los derechos reservados.",
        disclaimer="Aviso de riesgo: las criptomonedas son volátiles. Este contenido no es asesoramiento financiero y Orbitrade no se responsabiliza de las decisiones de inversión.",
        comments="Comentarios ({n})",
        no_comments="Sé el primero en comentar",
    ),
    "en": dict(
        share=35,
        words="the market for traders rose after a week with high volume and thin liquidity on the network as analysts expect new funds to support the token price".split(),
        menu=["Buy Crypto", "Markets", "Trade", "Pulse", "Academy", "Promotions"],
        badges=["New", "Hot"],
        account=["Log In", "Sign Up"],
        crumb="Pulse › {leaf}",
        leaves=["Regulation", "DeFi", "Markets", "Bitcoin", "Ethereum", "NFT", "Analysis", "Macro", "Altcoins", "Security", "Mining", "Stablecoins"],
        follow="Follow",
        ago=["{n}h ago", "{n}m ago", "{n}d ago"],
        views="{n} views",
        headings=["Conclusion", "What it means for investors", "Background"],
        reactions=["Like", "Comment", "Share"],
        related="Related articles",
        newsletter=["Subscribe to our newsletter", "Email address", "Subscribe"],
        footer=["About us", "Press", "Terms of use", "Privacy", "Cookies", "Help center", "Fees"],
        footer_extra=["Careers", "Blog"],
        copyright="© {y} Orbitrade. All rights reserved.",
        disclaimer="Risk warning: crypto assets are volatile. This content is not financial advice and Orbitrade is not responsible for your investment decisions.",
        comments="Comments ({n})",
        no_comments="Be the first to comment",
    ),
    "pt": dict(
        share=15,
        words="o mercado dos traders subiu após uma semana com volume alto e liquidez fraca na rede segundo analistas que esperam novos fundos para o preço do token".split(),
        menu=["Comprar cripto", "Mercados", "Negociar", "Pulse", "Academia", "Promoções"],
        badges=["Novo", "Hot"],
        account=["Entrar", "Cadastrar"],
        crumb="Pulse › {leaf}",
        leaves=["Regulação", "DeFi", "Mercados", "Bitcoin", "Ethereum", "NFT", "Análise", "Macro", "Altcoins", "Segurança", "Mineração", "Stablecoins"],
        follow="Seguir",
        ago=["há {n} h", "há {n} min", "há {n} d"],
        views="{n} visualizações",
        headings=["Conclusão", "O que isso significa para investidores", "Contexto"],
        reactions=["Curtir", "Comentar", "Compartilhar"],
        related="Artigos relacionados",
        newsletter=["Assine nossa newsletter", "Endereço de e-mail", "Assinar"],
        footer=["Sobre nós", "Imprensa", "Termos de uso", "Privacidade", "Cookies", "Central de ajuda", "Taxas"],
        footer_extra=["Carreiras", "Blog"],
        copyright="© {y} Orbitrade. Todos os direitos reservados.",
        disclaimer="Aviso de risco: criptoativos são voláteis. Este conteúdo não é aconselhamento financeiro e a Orbitrade não se responsabiliza por suas decisões de investimento.",
        comments="Comentários ({n})",
        no_comments="Seja o primeiro a comentar",
    ),
}

ZENBIT = {
    "de": dict(
        share=45,
        words="der Markt für Händler stieg nach einer Woche mit hohem Volumen und dünner Liquidität im Netzwerk während Analysten neue Mittel für den Preis des Tokens erwarten".split(),
        cookie=["Wir verwenden Cookies, um Ihnen das beste Erlebnis zu bieten.", "Alle akzeptieren", "Ablehnen", "Einstellungen"],
        crumb="Startseite / Blog / {leaf}",
        leaves=["Regulierung", "DeFi", "Märkte", "Bitcoin", "Ethereum", "Krypto-Grundlagen", "Analyse", "Makro", "Steuern", "Sicherheit"],
        updated="Aktualisiert: {d}",
        read="{n} Min. Lesezeit",
        byline="Autor: {name}",
        share_bar=["Teilen", "X", "Telegram", "Link kopieren"],
        headings=["Fazit", "Was das für Anleger bedeutet", "Hintergrund"],
        tags="Schlagwörter:",
        more="Mehr zum Thema",
        comment=["Kommentar schreiben", "Name", "E-Mail", "Senden"],
        no_comments="Noch keine Kommentare",
        risk="Risikohinweis: Der Handel mit Kryptowährungen ist mit hohen Risiken verbunden. Die Inhalte auf Zenbit stellen keine Anlageberatung dar.",
        app=["Zenbit App herunterladen", "App Store", "Google Play"],
        footer=["Impressum", "Datenschutz", "AGB", "Karriere", "Presse", "Kontakt"],
        footer_extra=["Partnerprogramm"],
        copyright="© {y} Zenbit GmbH",
    ),
    "ja": dict(
        share=35,
        words="市場 は 先週 の 高い 出来高 と 薄い 流動性 の あと 上昇 し アナリスト は トークン 価格 を 支える 新しい 資金 を 期待 して いる".split(),
        cookie=["当サイトでは最適な体験のためにクッキーを使用しています。", "すべて許可", "拒否", "設定"],
        crumb="ホーム / ブログ / {leaf}",
        leaves=["規制", "DeFi", "マーケット", "ビットコイン", "イーサリアム", "暗号資産入門", "分析", "マクロ", "税金", "セキュリティ"],
        updated="更新日：{d}",
        read="{n}分で読めます",
        byline="著者：{name}",
        share_bar=["シェア", "X", "Telegram", "リンクをコピー"],
        headings=["まとめ", "投資家にとっての意味", "背景"],
        tags="タグ：",
        more="関連記事",
        comment=["コメントを書く", "名前", "メールアドレス", "送信"],
        no_comments="まだコメントはありません",
        risk="リスク警告：暗号資産の取引には高いリスクが伴います。Zenbitのコンテンツは投資助言ではありません。",
        app=["Zenbitアプリをダウンロード", "App Store", "Google Play"],
        footer=["会社概要", "プライバシー", "利用規約", "採用情報", "プレス", "お問い合わせ"],
        footer_extra=["アフィリエイト"],
        copyright="© {y} Zenbit株式会社",
    ),
    "tr": dict(
        share=20,
        words="piyasa geçen hafta yüksek hacim ve zayıf likidite sonrasında yükseldi analistler token fiyatını destekleyecek yeni fonlar bekliyor ağda işlemciler".split(),
        cookie=["Size en iyi deneyimi sunmak için çerezleri kullanıyoruz.", "Tümünü kabul et", "Reddet", "Ayarlar"],
        crumb="Ana sayfa / Blog / {leaf}",
        leaves=["Düzenleme", "DeFi", "Piyasalar", "Bitcoin", "Ethereum", "Kripto temelleri", "Analiz", "Makro", "Vergi", "Güvenlik"],
        updated="Güncellendi: {d}",
        read="{n} dk okuma",
        byline="Yazar: {name}",
        share_bar=["Paylaş", "X", "Telegram", "Bağlantıyı kopyala"],
        headings=["Sonuç", "Yatırımcılar için anlamı", "Arka plan"],
        tags="Etiketler:",
        more="Konuyla ilgili",
        comment=["Yorum yaz", "Ad", "E-posta", "Gönder"],
        no_comments="Henüz yorum yok",
        risk="Risk uyarısı: Kripto para ticareti yüksek risk içerir. Zenbit içerikleri yatırım tavsiyesi değildir.",
        app=["Zenbit uygulamasını indir", "App Store", "Google Play"],
        footer=["Hakkımızda", "Gizlilik", "Kullanım koşulları", "Kariyer", "Basın", "İletişim"],
        footer_extra=["Ortaklık programı"],
        copyright="© {y} Zenbit",
    ),
}

KRYPTAL = {
    "fr": dict(
        share=40,
        words="le marché des traders a progressé après une semaine de volume élevé et de faible liquidité sur le réseau selon les analystes qui attendent de nouveaux fonds pour le prix du jeton".split(),
        menu=["Cours", "Actualités", "Analyses", "Apprendre", "Outils", "Podcast"],
        badge="Bêta",
        headings=["En bref", "Ce qu'il faut retenir", "Le contexte"],
        search="Rechercher",
        meta="{d} · {n} min de lecture",
        see_also="Lire aussi : {headline}",
        share_label="Partager cet article",
        useful=["Cet article vous a-t-il été utile ?", "Oui", "Non"],
        also="À lire aussi",
        newsletter=["La newsletter Kryptal", "Chaque matin, l'essentiel des marchés crypto dans votre boîte mail.", "Votre e-mail", "Je m'inscris"],
        footer=["Qui sommes-nous", "Mentions légales", "Confidentialité", "Contact", "Publicité", "Plan du site"],
        copyright="© Kryptal {y} – Tous droits réservés",
        app=["Télécharger sur l'App Store", "Disponible sur Google Play"],
    ),
    "ko": dict(
        share=35,
        words="시장 은 지난주 높은 거래량 과 낮은 유동성 이후 상승 했고 분석가 들은 토큰 가격 을 지지할 새로운 자금 을 기대 한다 네트워크 에서 트레이더".split(),
        menu=["시세", "뉴스", "분석", "배우기", "도구", "팟캐스트"],
        badge="베타",
        headings=["요약", "투자자에게 의미하는 것", "배경"],
        search="검색",
        meta="{d} · {n}분 읽기",
        see_also="함께 읽기: {headline}",
        share_label="이 기사 공유하기",
        useful=["이 기사가 도움이 되었나요?", "예", "아니요"],
        also="함께 보면 좋은 기사",
        newsletter=["크립탈 뉴스레터", "매일 아침 암호화폐 시장의 핵심을 메일로 받아보세요.", "이메일 주소", "구독하기"],
        footer=["회사 소개", "법적 고지", "개인정보처리방침", "문의", "광고", "사이트맵"],
        copyright="© Kryptal {y} – 모든 권리 보유",
        app=["App Store에서 다운로드", "Google Play에서 받기"],
    ),
    "ar": dict(
        share=25,
        words="ارتفع السوق بعد أسبوع من حجم تداول مرتفع وسيولة ضعيفة على الشبكة وفق المحللين الذين يتوقعون أموالا جديدة لدعم سعر الرمز لدى المتداولين".split(),
        menu=["الأسعار", "الأخبار", "التحليلات", "تعلّم", "الأدوات", "بودكاست"],
        badge="تجريبي",
        headings=["الخلاصة", "ماذا يعني ذلك للمستثمرين", "الخلفية"],
        search="بحث",
        meta="{d} · {n} دقائق للقراءة",
        see_also="اقرأ أيضًا: {headline}",
        share_label="شارك هذا المقال",
        useful=["هل كان هذا المقال مفيدًا؟", "نعم", "لا"],
        also="مقالات ذات صلة",
        newsletter=["نشرة كريبتال", "كل صباح، أهم أخبار أسواق العملات المشفرة في بريدك.", "بريدك الإلكتروني", "اشترك"],
        footer=["من نحن", "إشعار قانوني", "الخصوصية", "اتصل بنا", "الإعلانات", "خريطة الموقع"],
        copyright="© Kryptal {y} – جميع الحقوق محفوظة",
        app=["حمّل من App Store", "احصل عليه من Google Play"],
    ),
}

VELANTO = {
    "it": dict(
        share=45,
        words="il mercato delle criptovalute è salito dopo una settimana di volumi alti e liquidità scarsa sulla rete secondo gli analisti che attendono nuovi fondi per il prezzo del token".split(),
        cookie="Usiamo i cookie per migliorare la tua esperienza e per analizzare il traffico del sito.",
        cookie_buttons=["Accetta tutti", "Rifiuta"],
        menu=["Notizie", "Mercati", "Guide", "Eventi", "Video"],
        badge="Live",
        crumb="Home / Notizie / {leaf}",
        leaves=["Bitcoin", "Ethereum", "Regolamentazione", "DeFi", "Mercati", "Sicurezza", "Stablecoin", "Mining"],
        byline="Autore: {name}",
        updated="Aggiornato il {d}",
        headings=["In sintesi", "Cosa significa per gli investitori", "Il contesto"],
        ad="Pubblicità",
        tags="Tag: {tags}",
        tag_words=["Bitcoin", "ETF", "Regolamentazione", "DeFi", "Mercati", "Altcoin", "Analisi"],
        comments="{n} commenti",
        login="Accedi per commentare",
        related="Potrebbe interessarti",
        minutes="{n} min",
        footer=["Chi siamo", "Redazione", "Lavora con noi", "Privacy", "Termini", "Contatti"],
        copyright="© {y} Velanto S.r.l. – P. IVA 01234567890",
    ),
    "pl": dict(
        share=30,
        words="rynek kryptowalut wzrósł po tygodniu wysokich obrotów i niskiej płynności w sieci według analityków którzy oczekują nowych funduszy dla ceny tokena".split(),
        cookie="Używamy plików cookie, aby poprawić działanie serwisu i analizować ruch.",
        cookie_buttons=["Akceptuję", "Odrzuć"],
        menu=["Wiadomości", "Rynki", "Poradniki", "Wydarzenia", "Wideo"],
        badge="Na żywo",
        crumb="Start / Wiadomości / {leaf}",
        leaves=["Bitcoin", "Ethereum", "Regulacje", "DeFi", "Rynki", "Bezpieczeństwo", "Stablecoiny", "Kopanie"],
        byline="Autor: {name}",
        updated="Zaktualizowano {d}",
        headings=["W skrócie", "Co to oznacza dla inwestorów", "Kontekst"],
        ad="Reklama",
        tags="Tagi: {tags}",
        tag_words=["Bitcoin", "ETF", "Regulacje", "DeFi", "Rynki", "Altcoiny", "Analiza"],
        comments="{n} komentarzy",
        login="Zaloguj się, aby skomentować",
        related="Może cię zainteresować",
        minutes="{n} min",
        footer=["O nas", "Redakcja", "Kariera", "Prywatność", "Regulamin", "Kontakt"],
        copyright="© {y} Velanto sp. z o.o.",
    ),
    "vi": dict(
        share=25,
        words="thị trường tiền mã hóa đã tăng sau một tuần khối lượng cao và thanh khoản thấp trên mạng lưới theo các nhà phân tích đang chờ dòng vốn mới cho giá token".split(),
        cookie="Chúng tôi sử dụng cookie để cải thiện trải nghiệm và phân tích lưu lượng truy cập.",
        cookie_buttons=["Chấp nhận", "Từ chối"],
        menu=["Tin tức", "Thị trường", "Hướng dẫn", "Sự kiện", "Video"],
        badge="Trực tiếp",
        crumb="Trang chủ / Tin tức / {leaf}",
        leaves=["Bitcoin", "Ethereum", "Pháp lý", "DeFi", "Thị trường", "Bảo mật", "Stablecoin", "Đào coin"],
        byline="Tác giả: {name}",
        updated="Cập nhật {d}",
        headings=["Tóm tắt", "Ý nghĩa với nhà đầu tư", "Bối cảnh"],
        ad="Quảng cáo",
        tags="Thẻ: {tags}",
        tag_words=["Bitcoin", "ETF", "Pháp lý", "DeFi", "Thị trường", "Altcoin", "Phân tích"],
        comments="{n} bình luận",
        login="Đăng nhập để bình luận",
        related="Có thể bạn quan tâm",
        minutes="{n} phút",
        footer=["Về chúng tôi", "Ban biên tập", "Tuyển dụng", "Quyền riêng tư", "Điều khoản", "Liên hệ"],
        copyright="© {y} Velanto Việt Nam",
    ),
}

FIRST = ["Ana", "Luis", "Marta", "Tom", "Priya", "Kenji", "Lea", "Omar", "Sofia", "Ivan", "Chen", "Nadia", "Pablo", "Emma", "Yusuf", "Hana", "Diego", "Lena"]
LAST = ["García", "Ng", "Das", "Berg", "Souza", "Mori", "Klein", "Haddad", "Rossi", "Petrov", "Wei", "Karim", "Ruiz", "Weber", "Demir", "Sato", "López", "Novak"]
TAGS = ["#BTC", "#ETH", "#SOL", "#DeFi", "#Altcoins", "#Macro", "#Trading", "#XRP", "#Stablecoins", "#NFT", "$BTC", "$ETH"]
ENDONYMS = ["English", "Español", "Português", "Deutsch", "Français", "日本語", "Türkçe", "Русский", "한국어", "Tiếng Việt"]


def sentence(rng, words, lo, hi, end="."):
    text = " ".join(rng.choice(words) for _ in range(rng.randint(lo, hi)))
    text = text[0].upper() + text[1:]
    return text + end


def article(rng, lang, dense=False):
    words = lang["words"]
    sep = "" if dense else " "
    title = sentence(rng, words, 5, 10, end="")
    body = []
    n = rng.randint(3, 8)
    for i in range(n):
        if i == n // 2 and rng.random() < 0.4:
            body.append(rng.choice(lang["headings"]))
        paragraph = sep.join(sentence(rng, words, 8, 18, end="。" if dense else ".") for _ in range(rng.randint(1, 4)))
        body.append(paragraph.replace(" ", "") if dense else paragraph)
    if dense:
        title = title.replace(" ", "")
    return title, body


def name(rng):
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def handle(rng):
    return "@" + rng.choice(["orbit", "sat", "chart", "moon", "defi", "alpha", "whale", "block"]) + rng.choice(["trades", "_x", "hunter", "lab", "99", "daily", "notes"])


def fill(template, rng):
    return template.format(n=rng.randint(1, 25000),
                           y=rng.choice([2024, 2025, 2026]),
                           d=f"{rng.randint(1, 28):02}.{rng.randint(1, 12):02}.2025")


def pick_language(rng, langs):
    roll = rng.random() * 100
    for code, lang in langs.items():
        roll -= lang["share"]
        if roll < 0:
            return code, lang
    return code, lang


def orbitrade_page(rng):
    code, L = pick_language(rng, ORBITRADE)
    title, body = article(rng, L)
    page = []  # (line, is_article)
    chrome = lambda line: page.append((line, False))
    chrome("Orbitrade")
    menu = list(L["menu"])
    if rng.random() < 0.15:
        menu.pop(rng.randrange(len(menu)))
    if rng.random() < 0.35:
        menu.insert(rng.randrange(1, len(menu) + 1), rng.choice(L["badges"]))
    for item in menu:
        chrome(item)
    for item in L["account"]:
        chrome(item)
    chrome(L["crumb"].format(leaf=rng.choice(L["leaves"])))
    page.append((title, True))
    chrome(name(rng))
    if rng.random() < 0.7:
        chrome(handle(rng))
    chrome(L["follow"])
    chrome(rng.choice(L["ago"]).format(n=rng.randint(1, 59)))
    if rng.random() < 0.6:
        chrome(fill(L["views"], rng))
    article_lines = [(line, True) for line in body]
    page.extend(article_lines)
    if rng.random() < 0.2:
        page.extend((line, False) for line in [title] + body)
    if rng.random() < 0.8:
        chrome(" ".join(rng.sample(TAGS, rng.randint(1, 4))))
    for item in L["reactions"]:
        chrome(item)
        if rng.random() < 0.7:
            chrome(str(rng.randint(0, 999)))
    if rng.random() < 0.5:
        chrome(L["disclaimer"])
    chrome(fill(L["comments"], rng) if rng.random() < 0.6 else L["no_comments"])
    chrome(L["related"])
    for _ in range(3):
        chrome(sentence(rng, L["words"], 5, 9, end=""))
    for item in L["newsletter"]:
        chrome(item)
    footer = list(L["footer"])
    if rng.random() < 0.3:
        footer.pop(rng.randrange(len(footer)))
    if rng.random() < 0.4:
        footer.insert(rng.randrange(len(footer) + 1), rng.choice(L["footer_extra"]))
    for item in footer:
        chrome(item)
    chrome(fill(L["copyright"], rng))
    for endonym in ENDONYMS[:6]:
        chrome(endonym)
    return code, page


def zenbit_page(rng):
    code, L = pick_language(rng, ZENBIT)
    title, body = article(rng, L, dense=(code == "ja"))
    page = []
    chrome = lambda line: page.append((line, False))
    if rng.random() < 0.7:
        for item in L["cookie"]:
            chrome(item)
    chrome(L["crumb"].format(leaf=rng.choice(L["leaves"])))
    page.append((title, True))
    page.append((L["byline"].format(name=name(rng)), True))
    chrome(fill(L["updated"], rng))
    chrome(L["read"].format(n=rng.randint(2, 15)))
    bar = list(L["share_bar"])
    if rng.random() < 0.3:
        bar.insert(rng.randrange(len(bar) + 1), "Facebook")
    for item in bar:
        chrome(item)
    page.extend((line, True) for line in body)
    if rng.random() < 0.2:
        page.extend((line, False) for line in body)
    chrome(L["tags"])
    for tag in rng.sample(L["leaves"], rng.randint(1, 3)):
        chrome(tag)
    chrome(L["risk"])
    chrome(L["more"])
    for _ in range(rng.randint(2, 4)):
        t, _ = article(rng, L, dense=(code == "ja"))
        chrome(t)
    for item in L["comment"]:
        chrome(item)
    chrome(L["no_comments"])
    for item in L["app"]:
        chrome(item)
    footer = list(L["footer"])
    if rng.random() < 0.3:
        footer.pop(rng.randrange(len(footer)))
    if rng.random() < 0.3:
        footer.insert(rng.randrange(len(footer) + 1), rng.choice(L["footer_extra"]))
    for item in footer:
        chrome(item)
    chrome(fill(L["copyright"], rng))
    return code, page


def kryptal_page(rng):
    code, L = pick_language(rng, KRYPTAL)
    title, body = article(rng, L)
    page = []
    chrome = lambda line: page.append((line, False))
    chrome("Kryptal")
    menu = list(L["menu"])
    if rng.random() < 0.25:
        menu.insert(rng.randrange(len(menu) + 1), L["badge"])
    if rng.random() < 0.2:
        menu.pop(rng.randrange(len(menu)))
    for item in menu:
        chrome(item)
    chrome(L["search"])
    chrome(code.upper())
    page.append((title, True))
    # A standfirst: one sentence under the title, article text.
    page.append((sentence(rng, L["words"], 10, 16), True))
    chrome(L["meta"].format(d=f"{rng.randint(1, 28):02}/{rng.randint(1, 12):02}/2025", n=rng.randint(2, 12)))
    if rng.random() < 0.35:
        at = rng.randint(1, len(body) - 1)
        body = body[:at] + [None] + body[at:]
    for line in body:
        if line is None:
            chrome(L["see_also"].format(headline=sentence(rng, L["words"], 5, 9, end="")))
        else:
            page.append((line, True))
    if rng.random() < 0.15:
        page.extend((line, False) for line in body if line is not None)
    chrome(L["share_label"])
    for icon in ["Facebook", "X", "LinkedIn", "WhatsApp", "Telegram"]:
        if rng.random() < 0.75:
            chrome(icon)
    for item in L["useful"]:
        chrome(item)
    if rng.random() < 0.6:
        chrome(" ".join(rng.sample(TAGS, rng.randint(2, 5))))
    chrome(L["also"])
    for _ in range(3):
        chrome(sentence(rng, L["words"], 5, 9, end=""))
        chrome(f"{rng.randint(1, 28):02}/{rng.randint(1, 12):02}/2025")
    for item in L["newsletter"]:
        chrome(item)
    footer = list(L["footer"])
    if rng.random() < 0.3:
        footer.pop(rng.randrange(len(footer)))
    for item in footer:
        chrome(item)
    chrome(L["copyright"].format(y=rng.choice([2024, 2025, 2026])))
    for item in L["app"]:
        chrome(item)
    return code, page


def velanto_page(rng):
    code, L = pick_language(rng, VELANTO)
    title, body = article(rng, L)
    page = []
    chrome = lambda line: page.append((line, False))
    if rng.random() < 0.7:
        chrome(L["cookie"])
        for button in L["cookie_buttons"]:
            chrome(button)
    chrome("Velanto")
    menu = list(L["menu"])
    if rng.random() < 0.3:
        menu.insert(rng.randrange(len(menu) + 1), L["badge"])
    if rng.random() < 0.2:
        menu.pop(rng.randrange(len(menu)))
    for item in menu:
        chrome(item)
    chrome(code.upper())
    chrome(L["crumb"].format(leaf=rng.choice(L["leaves"])))
    page.append((title, True))
    page.append((L["byline"].format(name=name(rng)), True))
    chrome(fill("{d}", rng))
    if rng.random() < 0.5:
        chrome(L["updated"].format(d=fill("{d}", rng)))
    ad_at = rng.randint(1, len(body) - 1) if rng.random() < 0.5 else None
    for i, line in enumerate(body):
        if i == ad_at:
            chrome(L["ad"])
        page.append((line, True))
    if rng.random() < 0.15:
        page.extend((line, False) for line in body)
    chrome(L["tags"].format(tags=", ".join(rng.sample(L["tag_words"], rng.randint(2, 4)))))
    chrome(fill(L["comments"], rng))
    chrome(L["login"])
    chrome(L["related"])
    for _ in range(rng.randint(3, 4)):
        chrome(sentence(rng, L["words"], 5, 9, end=""))
        chrome(L["minutes"].format(n=rng.randint(2, 12)))
    footer = list(L["footer"])
    if rng.random() < 0.25:
        footer.pop(rng.randrange(len(footer)))
    for item in footer:
        chrome(item)
    for network in ["Facebook", "X", "Telegram", "YouTube"]:
        if rng.random() < 0.8:
            chrome(network)
    chrome(L["copyright"].format(y=rng.choice([2024, 2025, 2026])))
    return code, page


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--platform", choices=["orbitrade", "zenbit", "kryptal", "velanto"], required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--train", type=int, default=60)
    ap.add_argument("--test", type=int, default=60)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    generate = {"orbitrade": orbitrade_page, "zenbit": zenbit_page, "kryptal": kryptal_page, "velanto": velanto_page}[args.platform]
    rng = random.Random(f"{args.platform}-{args.seed}")
    train, test = os.path.join(args.out, "train"), os.path.join(args.out, "test")
    os.makedirs(train, exist_ok=True)
    os.makedirs(test, exist_ok=True)
    for i in range(args.train):
        code, page = generate(rng)
        with open(os.path.join(train, f"p{i:03}-{code}.txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(line for line, _ in page) + "\n")
    index = ["id\tplatform\tlanguage\tencoding\tformat\tsplit\ttags\tnote"]
    for i in range(args.test):
        code, page = generate(rng)
        index.append(f"t{i:03}-{code}\t{args.platform}\t{code}\tutf-8\ttext\theldout\t\t")
        stem = os.path.join(test, f"t{i:03}-{code}")
        with open(stem + ".raw", "w", encoding="utf-8") as f:
            f.write("\n".join(line for line, _ in page) + "\n")
        with open(stem + ".gold.txt", "w", encoding="utf-8") as f:
            f.write("\n\n".join(line for line, keep in page if keep) + "\n")
    with open(os.path.join(test, "index.tsv"), "w", encoding="utf-8") as f:
        f.write("\n".join(index) + "\n")


if __name__ == "__main__":
    main()
