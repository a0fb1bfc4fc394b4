"""Kazakh, Uzbek (Latin and Cyrillic) and Kyrgyz gold pages on national government portals."""

from __future__ import annotations

from gold_model import Img, Page
from gold_templates import gov_portal

KK_LANGS = [("kk", "Қаз"), ("ru", "Рус"), ("en", "Eng")]
UZ_LANGS = [("uz", "Oʻzb"), ("oz", "Ўзб"), ("ru", "Рус"), ("en", "Eng")]
KY_LANGS = [("ky", "Кыр"), ("ru", "Рус"), ("en", "Eng")]

KK_GOV_IMAGES = Page(
    name="kk-gov-images",
    template=gov_portal,
    url="https://www.gov.example.kz/memleket/entities/mfa/press/news/details/512345?lang=kk",
    site="Қазақстан Республикасы Сыртқы істер министрлігі",
    title="Қазақстан мен Қытай көлік-логистика саласындағы ынтымақтастықты талқылады",
    lang="kk",
    timezone="Asia/Almaty",
    byline='<span class="article__date">12 қазан 2023, 10:15</span> <span class="article__views">Қаралды: 312</span>',
    blocks=[
        "Астанада Қазақстан мен Қытайдың көлік-логистика саласындағы ынтымақтастық жөніндегі кіші комитетінің кезекті отырысы өтті.",
        Img("/uploads/2023/10/12/otyrys.jpg", "Кіші комитет отырысы", "Кіші комитет отырысының барысы", "figure"),
        "Тараптар шекаралық өткізу пункттерінің жұмысын жақсарту, теміржол тасымалдарының көлемін арттыру және «Қорғас» шекаралық ынтымақтастық халықаралық орталығын дамыту мәселелерін қарады.",
        "Отырыс барысында Достық – Алашаңқай бағытындағы екінші теміржол желісінің құрылысы және контейнерлік тасымалдарды цифрландыру жөніндегі жобалар талқыланды.",
        Img("/uploads/2023/10/12/kelisim.jpg", "", "Хаттамаға қол қою рәсімі", "centred"),
        "Отырыс қорытындысы бойынша тараптар хаттамаға қол қойып, келесі отырысты 2024 жылы Бейжіңде өткізуге келісті.",
    ],
    after="<p><strong>ҚР Сыртқы істер министрлігінің баспасөз қызметі</strong></p>",
    expect={"title": "Қазақстан мен Қытай көлік-логистика саласындағы ынтымақтастықты талқылады", "published": "2023-10-12T10:15+06:00", "published_source": "byline", "author": "ҚР Сыртқы істер министрлігінің баспасөз қызметі", "language": "kk"},
    options={"ui": "kk", "langs": KK_LANGS, "year": 2023, "latest": [("/memleket/entities/mfa/press/news/details/512300?lang=kk", "Министр Жапония елшісімен кездесті", "11.10.2023")]},
    not_contains=["баспасөз қызметі", "312", "Жапония елшісімен"],
)

KK_SHORT = Page(
    name="kk-short",
    template=gov_portal,
    url="https://www.gov.example.kz/memleket/entities/mfa/press/news/details/498765?lang=kk",
    site="Қазақстан Республикасы Сыртқы істер министрлігі",
    title="Министр Түркия елшісін қабылдады",
    lang="kk",
    byline="<span>Жарияланды: 12.05.2023</span>",
    blocks=[
        "Қазақстан Республикасының Сыртқы істер министрі Түркия Республикасының Қазақстандағы Төтенше және Өкілетті Елшісін қабылдады. Кездесуде екіжақты саяси, сауда-экономикалық және мәдени-гуманитарлық ынтымақтастық мәселелері талқыланды.",
    ],
    expect={"title": "Министр Түркия елшісін қабылдады", "published": "2023-05-12", "published_source": "byline", "author": None, "language": "kk"},
    options={"ui": "kk", "langs": KK_LANGS, "year": 2023},
    not_contains=["Жарияланды"],
)

UZ_LATIN_GOV = Page(
    name="uz-latin-gov",
    template=gov_portal,
    url="https://gov.example.uz/uz/news/view/41877",
    site="Oʻzbekiston Respublikasi Investitsiyalar, sanoat va savdo vazirligi",
    title="Oʻzbekiston va Qozogʻiston savdo hajmini oshirishga kelishib oldi",
    lang="uz",
    timezone="Asia/Tashkent",
    byline='<span class="date">05.03.2024 10:20</span> <span class="views">Koʻrishlar soni: 1 024</span>',
    blocks=[
        "Toshkentda Oʻzbekiston–Qozogʻiston hukumatlararo komissiyasining navbatdagi yigʻilishi boʻlib oʻtdi.",
        Img("/media/news/2024/03/komissiya.jpg", "Hukumatlararo komissiya yigʻilishi", "Hukumatlararo komissiya yigʻilishi ishtirokchilari", "figure"),
        "Yigʻilishda ikki mamlakat oʻrtasidagi savdo-iqtisodiy hamkorlik, sanoat kooperatsiyasi, transport va energetika sohalaridagi qoʻshma loyihalar muhokama qilindi.",
        "Tomonlar oʻzaro savdo hajmini 2030-yilga qadar 10 milliard dollarga yetkazish boʻyicha “yoʻl xaritasi”ni tasdiqladilar.",
        "Shuningdek, “Markaziy Osiyo” xalqaro sanoat kooperatsiyasi markazini qurish ishlarini jadallashtirishga kelishildi.",
    ],
    after="<p>Manba: Oʻzbekiston milliy axborot agentligi</p>",
    expect={"title": "Oʻzbekiston va Qozogʻiston savdo hajmini oshirishga kelishib oldi", "published": "2024-03-05T10:20+05:00", "published_source": "byline", "author": "Oʻzbekiston milliy axborot agentligi", "language": "uz"},
    options={"ui": "uz", "langs": UZ_LANGS, "latest": [("/uz/news/view/41870", "Vazir Turkiya delegatsiyasini qabul qildi", "04.03.2024")]},
    not_contains=["Manba:", "1 024", "Turkiya delegatsiyasini"],
)

UZ_CYRILLIC = Page(
    name="uz-cyrillic",
    template=gov_portal,
    url="https://tourism.example.uz/oz/news/2215",
    site="Туризм қўмитаси",
    title="Тошкентда халқаро туризм форуми бўлиб ўтди",
    lang="uz-Cyrl",
    byline="<span>Эълон қилинган: 2023 йил 14 сентябр</span> <span>Муаллиф: Азиз Каримов</span>",
    blocks=[
        "Пойтахтимизда «Буюк ипак йўли» халқаро туризм форуми бўлиб ўтди. Унда 30 дан ортиқ мамлакатдан туроператорлар, меҳмонхона эгалари ва соҳа мутахассислари иштирок этди.",
        "Форумда зиёрат туризми, экотуризм ва гастрономик туризмни ривожлантириш истиқболлари муҳокама қилинди.",
        "Тадбир доирасида хорижий туроператорлар билан умумий қиймати 120 миллион доллардан ортиқ бўлган келишувлар имзоланди.",
    ],
    expect={"title": "Тошкентда халқаро туризм форуми бўлиб ўтди", "published": "2023-09-14", "published_source": "byline", "author": "Азиз Каримов", "language": "uz"},
    options={"ui": "uz-Cyrl", "langs": UZ_LANGS, "year": 2023, "latest": [("/oz/news/2210", "Самарқандда ҳунармандлар кўргазмаси очилди", "12.09.2023")]},
    not_contains=["Эълон қилинган", "Муаллиф", "ҳунармандлар кўргазмаси"],
)

UZ_LATIN_SHORT = Page(
    name="uz-latin-short",
    template=gov_portal,
    url="https://mfa.example.uz/uz/news/2023/11/vazir-yaponiya-elchisini-qabul-qildi",
    site="Oʻzbekiston Respublikasi Tashqi ishlar vazirligi",
    title="Vazir Yaponiya elchisini qabul qildi",
    lang="uz",
    byline='<span class="date">2023-yil 20-noyabr</span>',
    blocks=[
        "Tashqi ishlar vaziri Yaponiyaning Oʻzbekistondagi Favqulodda va Muxtor elchisini qabul qildi. Suhbatda ikki tomonlama hamkorlikning dolzarb masalalari muhokama qilindi.",
    ],
    expect={"title": "Vazir Yaponiya elchisini qabul qildi", "published": "2023-11-20", "published_source": "byline", "author": None, "language": "uz"},
    options={"ui": "uz", "langs": UZ_LANGS, "year": 2023},
)

KY_GOV = Page(
    name="ky-gov",
    template=gov_portal,
    url="https://mfa.example.kg/ky/news/8124",
    site="Кыргыз Республикасынын Тышкы иштер министрлиги",
    title="Кыргызстан менен Өзбекстан чек ара маселелерин талкуулашты",
    lang="ky",
    timezone="Asia/Bishkek",
    byline="<span>Жарыяланды: 12.05.2023 10:15</span> <span>Көрүүлөр: 87</span>",
    blocks=[
        "Бишкекте Кыргыз Республикасы менен Өзбекстан Республикасынын өкмөттөр аралык делегацияларынын кезектеги жолугушуусу өттү.",
        Img("/upload/news/2023/05/jolugushuu.jpg", "Делегациялардын жолугушуусу", "Өкмөттөр аралык делегациялардын жолугушуусу", "figure"),
        "Тараптар мамлекеттик чек араны делимитациялоо жана демаркациялоо боюнча иштердин жүрүшүн талкуулап, калган участоктор боюнча макулдашуулардын долбоорлорун карап чыгышты.",
        "Жолугушуунун жыйынтыгы боюнча протоколго кол коюлду. Кийинки жолугушуу Ташкент шаарында өтөт.",
    ],
    after="<p>Булак: КР ТИМдин басма сөз кызматы</p>",
    expect={"title": "Кыргызстан менен Өзбекстан чек ара маселелерин талкуулашты", "published": "2023-05-12T10:15+06:00", "published_source": "byline", "author": "КР ТИМдин басма сөз кызматы", "language": "ky"},
    options={"ui": "ky", "langs": KY_LANGS, "year": 2023, "latest": [("/ky/news/8120", "Министр Түркиянын элчиси менен жолукту", "11.05.2023")]},
    not_contains=["Булак", "Көрүүлөр", "Түркиянын элчиси"],
)

KY_SHORT = Page(
    name="ky-short",
    template=gov_portal,
    url="https://mfa.example.kg/ky/news/8301",
    site="Кыргыз Республикасынын Тышкы иштер министрлиги",
    title="Министр Германиянын элчисин кабыл алды",
    lang="ky",
    byline="<span>12.06.2023</span>",
    blocks=[
        "Кыргыз Республикасынын Тышкы иштер министри Германия Федеративдик Республикасынын Кыргызстандагы Ыйгарым укуктуу элчисин кабыл алды. Жолугушууда эки тараптуу кызматташтыктын актуалдуу маселелери талкууланды.",
    ],
    expect={"title": "Министр Германиянын элчисин кабыл алды", "published": "2023-06-12", "published_source": "byline", "author": None, "language": "ky"},
    options={"ui": "ky", "langs": KY_LANGS, "year": 2023},
)

PAGES = [KK_GOV_IMAGES, KK_SHORT, UZ_LATIN_GOV, UZ_CYRILLIC, UZ_LATIN_SHORT, KY_GOV, KY_SHORT]
