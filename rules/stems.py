#!/usr/bin/env python3
"""Writes the `patterns` of the stem-based rules of rules/common.toml from the word lists below.

Those rules match a class of line by the words any of many languages uses for it (a risk warning
names a risk and a warning, in either order and any inflection; a related-list heading names
"related" and "articles"), so their patterns are long alternations. Edit the lists here and run
`python3 rules/stems.py` (`--check` only compares, as CI does); it rewrites the patterns of the rules named in RULES in place and
leaves everything else in the file as it is. The patterns spell both cases of a stem's first
letter instead of `(?i)`, which keeps their automata and their line gates small.
"""
import os
import re
import sys

P = os.path.join(os.path.dirname(os.path.abspath(__file__)), "common.toml")

def variants(xs):
    out=set()
    for x in xs:
        out.add(x); out.add(x[0].upper()+x[1:])
        if x[0].isupper(): out.add(x[0].lower()+x[1:])
    return out

def alt(xs, case=True):
    xs = variants(xs) if case else set(xs)
    return "|".join(re.escape(x).replace("\\ ", "\\s").replace("\\'", "'") for x in sorted(xs, key=lambda s:(-len(s),s)))
RS = ["risk","risq","risc","riesg","rischi","risik","risico","ryzyk","rizik","kockázat","κίνδυν","риск","ризик","rủi ro","ความเสี่ยง","风险","風險","リスク","위험","مخاطر","خطر","ریسک","סיכון","जोखिम"]
WS = ["warn","waarschuw","advert","avvert","avert","atenționare","aviso","avis","hinweis","uyar","peringatan","cảnh báo","предупрежд","попередж","ostrzeż","upozorn","figyelmeztet","προειδοποί","varn","advarsel","varoitus","경고","고지","警告","提示","告知","注意","تحذير","انتباه","هشدار","وارننگ","אזהר","चेतावनी","คำเตือน","disclosure","divulga","offenlegung","pengungkapan","açıklama","bildirim","уведомлен","розкриття","раскрыт","informativ","notice","statement","declara","dichiara","nyilatkozat","prohlášení","vyhlásenie","oświadczenie","verklaring","erklärung","заявлен","заява","beyan","pernyataan","tuyên bố","声明","聲明","إفصاح","بيان","افشا","גילוי","प्रकटीकरण","การเปิดเผย"]
r, w = alt(RS), alt(WS)
gap = "[^:：0-9.!?。]{0,25}?"
label = rf"(?:(?:{r}){gap}(?:{w})|(?:{w}){gap}(?:{r}))[^\s:：]*"
risk_label = [rf"^{label}\s?[:：]?$"]
risk_par = [rf"^{label}\s?[:：]\s?\S.{{40,}}",
            r"^(?:风险|風險|リスク|위험|投资风险|投資風險|투자\s?위험)\s?(?:警告|提示|告知|注意|声明|聲明|경고|고지|안내)(?:事項|事项)?\s?[:：]\s?\S.{15,}"]
NOUN = ["articl","articol","artikel","artykuł","artykul","článk","cikk","άρθρ","стат","makale","haber","news","nouvelle","actualit","notic","notíc","notizi","nachricht","meldung","nieuws","wiadomoś","zpráv","správ","știri","stiri","hír","νέα","ειδήσ","новост","новин","вест","nyhet","nyhed","uutis","berita","tin","bài","post","stories","story","reading","lectur","leitur","lettur","lektür","okuma","conteúdo","contenu","contenid","contenut","inhalt","treś","obsah","tartalm","περιεχόμεν","контент","материал","içerik","konten","nội dung","balita","vijest","vest","مقال","أخبار","اخبار","خبر","כתבות","מאמרים","חדשות","लेख","समाचार","บทความ","ข่าว","خبریں"]
REL = ["relat","conex","connex","correlat","relacionad","relacionat","lié","liée","liés","liées","verwandt","ähnlich","gerelateerd","verwant","powiązan","podobn","souvis","súvis","kapcsolódó","hasonló","σχετικ","παρόμοι","похож","связан","схож","пов'язан","пов’язан","подобн","свързан","ilgili","benzer","terkait","serupa","liên quan","tương tự","kaugnay","srodn","povezan","relaterad","relatere","relaterte","liittyv","samankaltai","similar","simil","ذات صلة","ذات الصلة","مشابه","مرتبط","קשור","דומ","संबंधित","ที่เกี่ยวข้อง","متعلقہ"]
CJK_REL = ["相关","相關","关联","關聯","関連","관련","유사한","비슷한"]
CJK_NOUN = ["文章","新闻","新聞","资讯","資訊","記事","ニュース","기사","뉴스","글","内容","內容","コンテンツ","콘텐츠","阅读","閱讀","报道","報導"]
wd = r"[^\s:：0-9]*"
related = [rf"^(?:{alt(REL)}){wd}\s(?:{alt(NOUN)}){wd}\s?[:：]?$",
           rf"^(?:{alt(NOUN)}){wd}\s(?:[^\s:：0-9]+\s)?(?:{alt(REL)}){wd}\s?[:：]?$",
           rf"^(?:{alt(CJK_REL, False)})\s?(?:{alt(CJK_NOUN, False)})\s?[:：]?$"]
READ = ["Read also","Read Also","Also read","Also Read","See also","See Also","Read more","Read More","Read next","Read Next","Read further","Related","Lea también","Lee también","Ver también","Lea más","Leia também","Veja também","Leia mais","Lire aussi","À lire aussi","A lire aussi","Voir aussi","Lire la suite","Lesen Sie auch","Lesen Sie mehr","Siehe auch","Auch interessant","Mehr dazu","Leggi anche","Vedi anche","Leggi di più","Lees ook","Zie ook","Lees meer","Czytaj także","Czytaj też","Zobacz też","Zobacz także","Przeczytaj także","Przeczytaj też","Čtěte také","Čtěte též","Přečtěte si také","Čítajte aj","Prečítajte si aj","Citește și","Citiți și","Vezi și","Olvassa el","Olvasd el","Lásd még","Ezt is olvasd","Διαβάστε επίσης","Δείτε επίσης","Läs även","Läs också","Se även","Læs også","Se også","Les også","Lue myös","Katso myös","Читайте также","Смотрите также","Читайте еще","Читайте ещё","Читайте також","Дивіться також","Прочетете още","Вижте още","Прочитајте и","Pročitajte i","Preberite tudi","Ayrıca okuyun","Ayrıca bakınız","Bunu da okuyun","Baca juga","Lihat juga","Baca selengkapnya","Đọc thêm","Xem thêm","Đọc tiếp","Basahin din","Basahin","延伸阅读","延伸閱讀","相关阅读","相關閱讀","推荐阅读","推薦閱讀","另见","另見","あわせて読みたい","併せて読みたい","こちらもおすすめ","関連","함께 보기","함께 읽기","더 읽어보기","관련 기사","관련기사","اقرأ أيضا","اقرأ أيضًا","اقرأ ايضا","انظر أيضا","بیشتر بخوانید","همچنین بخوانید","بخوانید","קראו גם","ראו גם","קרא גם","यह भी पढ़ें","ये भी पढ़ें","और पढ़ें","อ่านเพิ่มเติม","อ่านต่อ","ดูเพิ่มเติม","یہ بھی پڑھیں","আরও পড়ুন"]
read_also = [rf"^(?:{alt(READ, False)})\s?[:：]\s*\S"]
# AI-generation note: opens on the text (a demonstrative and a noun, or the noun), then how and by what.
DEM = ["this","these","ce","cet","cette","este","esta","dieser","diese","dieses","questo","questa","deze","dit","ten","tento","tato","toto","acest","această","ez a","αυτό","αυτή","этот","эта","это","данный","данная","цей","ця","це","bu","denna","detta","denne","dette","tämä","niniejszy","niniejsza"]
NOUN_AI = ["article","content","text","summary","post","translation","artículo","contenido","texto","resumen","traducción","artigo","conteúdo","tradução","contenu","texte","résumé","traduction","artikel","inhalt","beitrag","zusammenfassung","übersetzung","articolo","contenuto","testo","riassunto","traduzione","inhoud","samenvatting","vertaling","artykuł","treść","tekst","podsumowanie","tłumaczenie","článek","obsah","shrnutí","článok","articol","conținut","rezumat","cikk","tartalom","szöveg","άρθρο","περιεχόμενο","κείμενο","статья","статью","материал","текст","содержание","перевод","стаття","статтю","матеріал","переклад","makale","içerik","metin","özet","çeviri","konten","teks","ringkasan","terjemahan","bài viết","nội dung","bản tóm tắt","bản dịch","innehåll","indhold","innhold","sisältö","artikkeli","mga nilalaman"]
NOUN_AI_START = ["文章","本文","内容","內容","摘要","本記事","この記事","このコンテンツ","이 기사","이 콘텐츠","이 글","هذا المقال","هذه المقالة","هذا المحتوى","این مقاله","این محتوا","מאמר זה","תוכן זה","यह लेख","यह सामग्री","บทความนี้","เนื้อหานี้"]
GEN=["generat","généré","générée","gerad","generad","generiert","erstellt","produ","rédig","redact","escrit","written","creat","créé","cread","criad","сгенерир","создан","згенер","створен","oluştur","üretil","dibuat","dihasilkan","tạo","soạn","生成","作成","생성","작성","إنشاء","توليد","تولید","נוצר","נכתב","जनित","उत्पन्न","สร้าง","assist","aid","help","hilfe","unterstützung","ayuda","apoyo","ajuda","apoio","aide","supporto","ausilio","soporte","pomoc","помощ","допомог","yardım","desteğ","bantuan","dukungan","hỗ trợ","协助","協助","辅助","輔助","支援","도움","مساعدة","بمساعدة","עזרת","सहायता","ช่วย","wsparc","podpor","segít","βοήθει","hjälp","hjælp","hjelp","avulla","translat","tradu","übersetzt","vertaald","przetłumacz","переведен","перекладен","çevril","diterjemahkan","dịch","翻译","翻譯","翻訳","번역","ترجم","תורגם"]
AI=["(?-u:\\b)AI(?-u:\\b)","(?-u:\\b)IA(?-u:\\b)","(?-u:\\b)KI(?-u:\\b)","ИИ","ШІ","yapay zek","inteligencia artificial","inteligência artificial","intelligence artificielle","intelligenza artificiale","künstliche","kunstmatige intelligentie","sztuczn","umělé inteligence","umelej inteligencie","inteligenț","mesterséges intelligen","τεχνητή νοημοσύνη","искусственн","штучн","kecerdasan buatan","trí tuệ nhân tạo","artificiell intelligens","kunstig intelligens","tekoäly","artificial intelligence","人工智能","人工知能","인공지능","الذكاء الاصطناعي","هوش مصنوعی","בינה מלאכותית","कृत्रिम बुद्धिमत्ता","एआई","ปัญญาประดิษฐ์","机器","機器","機械","기계","machine","maschinell","automatic","automátic","automatiqu","automatisch","automatyczn","автоматическ","автоматичн","otomatik","otomatis","tự động"]
ai = "|".join(x if x.startswith("(?-u") else re.escape(x).replace("\\ ","\\s") for x in sorted(set(AI), key=lambda s:(-len(s),s)))
g = r"[^.!?。！？]*?"
opener = rf"(?:(?:{alt(DEM)})\s?(?:[^\s.!?。！？]+\s)?(?:{alt(NOUN_AI, False)})|(?:{alt(NOUN_AI)})|(?:{alt(NOUN_AI_START, False)}))"
ai_note = [rf"^{opener}{g}(?:{alt(GEN, False)}){g}(?:{ai})", rf"^{opener}{g}(?:{ai}){g}(?:{alt(GEN, False)})"]
# Share-box labels: a word for 'share' with an article noun (NOUN above, or 'link'), or alone
# before a colon ('Share:' over its icons); 'copy link' in either order. 'Share' alone on a line
# is left to the structure stage: in the body it may be the author's.
SHARE = ["Share","Compartir","Compartilhar","Compartilhe","Partager","Partagez","Condividi","Condividere","Teilen","Delen","Deel","Dela","Del","Udostępnij","Sdílet","Zdieľať","Distribuie","Partajează","Megosztás","Paylaş","Bagikan","Chia sẻ","Ibahagi","Kongsi","Jaa","Поделиться","Поділитися","Сподели","Споделете","Podijeli","Подели","Κοινοποίηση","Μοιραστείτε","مشاركة","شارك","اشتراک‌گذاری","שתף","साझा करें","แชร์","分享","共有","シェア","공유","공유하기"]
LINK = ["link","lien","enlace","ligação","collegamento","odkaz","legătur","linket","linkki","hivatkozás","tautan","liên kết","bağlantı","ссылк","посилання","σύνδεσμο","链接","連結","リンク","링크","الرابط","لینک","קישור","लिंक","ลิงก์"]
COPY = ["copy","copiar","copier","copia","kopieren","kopiuj","kopírovat","kopírovať","kopiëren","kopieer","kopiér","kopier","kopiera","kopioi","copiază","másolás","salin","sao chép","kopyala","копировать","скопировать","копіювати","скопіювати","копирај","kopiraj","αντιγραφή","复制","複製","コピー","복사","نسخ","کپی","העתק","कॉपी","คัดลอก"]
w1 = r"[^\s0-9.!?:：]+"
share = [rf"^(?:{alt(SHARE, False)})(?:\s(?:{w1}\s){{0,2}}(?:[a-zA-Z]['’])?(?:{alt(NOUN + LINK)}){w1[:-1]}*(?:\s{w1})?\s?[:：]?|\s?[:：])$",
         rf"^(?:{alt(COPY)})\S*\s?(?:\S+\s)?(?:{alt(LINK)})\S*$",
         rf"^(?:{alt(LINK)})\S*\s?(?:\S+\s)?(?:{alt(COPY)})\S*$"]
RULES = {"share-label": share, "risk-warning-label": risk_label, "risk-warning-paragraph": risk_par, "related-heading": related, "read-also": read_also, "ai-generation-note": ai_note}

def main():
    check = "--check" in sys.argv[1:]
    before = s = open(P, encoding="utf-8").read()
    for rid, pats in RULES.items():
        i = s.index(f'id = "{rid}"')
        a = s.index("patterns = [", i)
        # The array ends on its own line ("]"), or on the line it opens.
        if s[a:s.index("\n", a)].rstrip().endswith("]"):
            b = s.index("\n", a)
        else:
            b = s.index("\n]", a) + 2
        body = "patterns = [\n" + "".join(f"  '''{p}''',\n" for p in pats) + "]"
        s = s[:a] + body + s[b:]
    if check:
        if s != before:
            sys.exit("rules/common.toml: the stem rules' patterns differ from rules/stems.py's; run python3 rules/stems.py")
        return
    open(P, "w", encoding="utf-8").write(s)


if __name__ == "__main__":
    main()
