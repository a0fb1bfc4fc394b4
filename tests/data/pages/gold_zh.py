"""Chinese gold pages: MetInfo, TRS WCM, Hanweb, DedeCMS, PbootCMS, EmpireCMS, portals."""

from __future__ import annotations

from gold_model import Heading, Img, Items, Page, Raw, Table
from gold_templates import dedecms, empirecms, hanweb, metinfo, pbootcms, trs, zh_portal

SH = "Asia/Shanghai"

METINFO_GALLERY = Page(
    name="zh-metinfo-gallery",
    template=metinfo,
    url="http://www.ca-exchange.example/news/shownews.php?lang=cn&id=1236",
    site="中国—中亚民间交流中心",
    title="中亚五国青年代表团访问中心并举行座谈",
    encoding="gbk",
    charset="gb2312",
    timezone=SH,
    byline="""          <span>2023-06-12 09:30:45</span>
          <span>秘书处</span>
          <span><i class="icon wb-eye m-r-5" aria-hidden="true"></i>236</span>""",
    blocks=[
        "6月12日上午，由哈萨克斯坦、吉尔吉斯斯坦、塔吉克斯坦、土库曼斯坦和乌兹别克斯坦青年组织负责人组成的中亚五国青年代表团一行25人访问中心，中心主任李喆会见代表团并主持座谈。",
        Img("../upload/202306/1686533412519843.jpg", "图片关键词", "李喆主任会见中亚五国青年代表团", "centred", expect_alt=""),
        "李喆对代表团的到访表示欢迎，介绍了中心近年来在人文交流、青年互访和地方合作方面开展的主要工作。他表示，青年是国家的未来，也是中国同中亚国家友好事业的生力军。中心愿同各国青年组织加强沟通，共同打造更多务实、可持续的交流项目。",
        "代表团团长、哈萨克斯坦青年联合会副主席阿斯卡尔·努尔兰诺夫感谢中心的周到安排。他说，此次访华期间，代表团参观了高校、科技企业和乡村振兴示范点，对中国的发展成就留下了深刻印象，希望今后有更多中亚青年到中国学习和工作。",
        Img("../upload/202306/1686533415772106.jpg", "图片关键词", "座谈会现场", "centred", expect_alt=""),
        "座谈中，双方围绕青年创业、数字技能培训、志愿服务和媒体合作等议题深入交流。吉尔吉斯斯坦、乌兹别克斯坦代表分别介绍了本国青年政策和国际交流项目，塔吉克斯坦、土库曼斯坦代表就举办青年夏令营提出了具体建议。",
        Raw("<p><br /></p>"),
        "双方商定，将于今年下半年共同举办“中国—中亚青年创新创业交流营”，邀请五国青年创业者来华参加培训、路演和企业考察，并探讨建立青年交流合作长效机制。",
        Img("../upload/202306/1686533419204477.jpg", "图片关键词", "代表团成员与中心工作人员合影", "centred", expect_alt=""),
        "访问期间，代表团还参观了中心举办的“丝路印记”图片展，了解中国与中亚国家两千多年的友好交往历史。",
    ],
    expect={"title": "中亚五国青年代表团访问中心并举行座谈", "published": "2023-06-12T09:30:45+08:00", "published_source": "byline", "author": "秘书处", "language": "zh"},
    options={
        "description": "6月12日上午，中亚五国青年代表团一行25人访问中心。",
        "keywords": "中亚,青年,交流",
        "prev": "中心举办“丝路印记”图片展开幕式",
        "next": "中心代表团出席阿拉木图民间外交论坛",
        "related": [("../news/shownews.php?id=1230", "中心举办“丝路印记”图片展开幕式", "2023-05-28"), ("../news/shownews.php?id=1221", "民间交流中心2023年第一次理事会召开", "2023-04-11")],
        "icp": "京ICP备19004321号-1",
    },
    not_contains=["图片关键词", "236", "丝路印记”图片展开幕式", "理事会召开"],
)

METINFO_SHORT = Page(
    name="zh-metinfo-short",
    template=metinfo,
    url="https://www.cnca-friends.example/news/382.html",
    site="中国—中亚友好协会",
    title="秘书处召开2024年度工作部署会",
    timezone=SH,
    byline="""          <span>发布时间：2024-01-09 16:45</span>
          <span>发布者：秘书处</span>
          <span>点击数：12</span>""",
    blocks=[
        "1月9日，秘书处召开2024年度工作部署会，总结上一年度工作，研究部署本年度重点任务。会议要求，各部门要围绕年度计划抓好落实，确保各项工作按期完成。",
    ],
    expect={"title": "秘书处召开2024年度工作部署会", "published": "2024-01-09T16:45+08:00", "published_source": "byline", "author": "秘书处", "language": "zh"},
    options={
        "prev": "协会代表出席中亚国家驻华使节新年招待会",
        "related": [("/news/381.html", "协会代表出席中亚国家驻华使节新年招待会", "2024-01-05")],
    },
    not_contains=["发布时间", "发布者", "点击数", "招待会"],
)

TRS_URL_DATE = Page(
    name="zh-trs-urldate",
    template=trs,
    url="https://www.ndrc.example/xwdt/xwfb/202511/t20251111_31508236.html",
    site="国家发展和改革委员会",
    title="中国—中亚经贸合作论坛筹备工作会议在京召开",
    byline='<span class="font">来源：区域开放司</span>',
    blocks=[
        "近日，中国—中亚经贸合作论坛筹备工作会议在京召开。会议听取了论坛议程、参会规模和配套活动的筹备进展汇报，研究部署下一阶段重点工作。",
        "会议指出，举办本届论坛是落实中国—中亚峰会成果的重要举措，要坚持务实导向，突出贸易畅通、产能合作、绿色低碳和数字经济等重点领域，推动签署一批有分量的合作项目。",
        "会议要求，各有关部门和地方要加强协调配合，细化工作方案，做好嘉宾邀请、安全保障和新闻宣传等工作，确保论坛安全、顺利、圆满举办。",
        "国家发展改革委、外交部、商务部等部门有关负责同志参加会议。",
    ],
    expect={"title": "中国—中亚经贸合作论坛筹备工作会议在京召开", "published": "2025-11-11", "published_source": "url", "author": "区域开放司", "language": "zh"},
    options={
        "domain": "www.ndrc.example",
        "column": "新闻发布",
        "related": [("../202511/t20251108_31508100.html", "国家发展改革委召开区域协调发展工作座谈会", "2025-11-08"), ("../202511/t20251105_31507911.html", "10月份全国物流运行情况通报", "2025-11-05")],
    },
    not_contains=["来源：", "区域协调发展工作座谈会", "物流运行情况"],
)

TRS_GB18030 = Page(
    name="zh-trs-gb18030",
    template=trs,
    url="http://www.mofcom.example/tjsj/202511/t20251103_4127765.html",
    site="中华人民共和国商务部",
    title="前三季度我国与中亚国家货物贸易保持较快增长",
    encoding="gb18030",
    charset="GB18030",
    timezone=SH,
    byline='2025-11-03 16:20　<span class="font">来源：对外贸易司</span>　<span class="font">作者：王堃</span>',
    blocks=[
        "据海关统计，今年前三季度，我国与中亚五国货物贸易进出口总额同比增长12.6%，增速高于同期我国外贸整体水平，其中出口增长15.1%，进口增长8.3%。",
        Img("./W020251103388191145221.jpg", "", "霍尔果斯口岸货运车辆有序通关", "centred", attrs='OLDSRC="W020251103388191145221.jpg"'),
        "从商品结构看，机电产品、汽车及零配件、纺织服装是主要出口商品，能源产品、矿产品和农产品是主要进口商品。绿色农产品进口增长较快，面粉、植物油和干果进口量均创历史同期新高。",
        "分国别看，前三季度我国与中亚五国贸易情况如下：",
        Table((("国家", "进出口（亿元）", "同比增长"), ("哈萨克斯坦", "1523.4", "10.8%"), ("乌兹别克斯坦", "782.1", "18.6%"), ("吉尔吉斯斯坦", "1105.7", "13.2%"), ("塔吉克斯坦", "214.9", "9.4%"), ("土库曼斯坦", "653.0", "7.7%"))),
        "商务部有关负责人表示，下一步将继续发挥中国—中亚经贸部长会议机制作用，扩大优质农产品进口，推动跨境电商和海外仓建设，为双边贸易持续稳定增长创造有利条件。",
    ],
    after='<div class="editor">责任编辑：赵昇</div>',
    expect={"title": "前三季度我国与中亚国家货物贸易保持较快增长", "published": "2025-11-03T16:20+08:00", "published_source": "byline", "author": "王堃", "language": "zh"},
    options={
        "domain": "www.mofcom.example",
        "column": "统计数据",
        "related": [("../202510/t20251020_4120012.html", "9月份我国对外贸易情况", "2025-10-20")],
    },
    not_contains=["责任编辑", "赵昇", "作者：", "对外贸易情况"],
)

HANWEB_HEADER = Page(
    name="zh-hanweb-header-charset",
    template=hanweb,
    url="http://www.wb.example.gov.cn/art/2024/5/20/art_1500_998877.html",
    site="某市人民政府外事办公室",
    title="市外办与撒马尔罕州代表团举行工作会谈",
    encoding="gb2312",
    charset=None,
    content_type="text/html; charset=gb2312",
    timezone=SH,
    byline='<span>发布日期：2024-05-20</span>　<span>信息来源：市外事办公室</span>　<span>浏览次数：<script language="javascript">_showDynClicks("wbArticle", 998877)</script></span>',
    blocks=[
        "5月20日，市外办主任会见来访的乌兹别克斯坦撒马尔罕州副州长一行，双方就推动两地友好城市关系发展举行工作会谈。",
        Img("/picture/0/2405201530281234567.jpg", "", "工作会谈现场", "title"),
        "市外办主任介绍了我市经济社会发展情况和对外交往工作，表示愿以今年两地结好五周年为契机，推动双方在文化旅游、农业科技和职业教育等领域开展更多交流合作。",
        "撒马尔罕州副州长表示，撒马尔罕州高度重视同我市的友好关系，希望双方加强企业对接，共同办好友好城市文化周活动，让两地人民有更多获得感。",
        "会谈后，双方签署了2024至2025年友好交流合作备忘录。",
    ],
    expect={"title": "市外办与撒马尔罕州代表团举行工作会谈", "published": "2024-05-20", "published_source": "byline", "author": "市外事办公室", "language": "zh"},
    options={"column": "外事动态", "host": "市大数据管理中心"},
    not_contains=["发布日期", "信息来源", "_showDynClicks"],
)

DEDECMS_GALLERY = Page(
    name="zh-dedecms-gallery",
    template=dedecms,
    url="http://www.xj-ca.example/a/news/2019/0520/456.html",
    site="新疆中亚商务网",
    title="霍尔果斯口岸货运量创历史新高",
    encoding="gbk",
    charset="gb2312",
    byline='<small>时间:</small>2019-05-20 09:12<small>来源:</small>中国新闻网 <small>作者:</small>李明 <small>点击:</small><script src="/plus/count.php?view=yes&amp;aid=456&amp;mid=1" type="text/javascript" language="javascript"></script>次',
    blocks=[
        "记者从霍尔果斯海关获悉，今年1至4月，经霍尔果斯口岸进出境的货物达1086万吨，同比增长21.4%，创同期历史新高。",
        Img("/uploads/allimg/190520/1-1Z520091A1.jpg", "DSC_0012.JPG", "霍尔果斯口岸货运场站", "below", expect_alt=""),
        "据介绍，中欧班列通行数量增长是口岸货运量上升的主要原因。前4个月，经霍尔果斯口岸进出境的中欧班列达2150列，开行线路覆盖欧洲18个国家的45个城市。",
        "为提高通关效率，霍尔果斯海关推行“提前申报”“两步申报”等便利措施，对鲜活农产品开设绿色通道，实行“即到即查、即查即放”。目前，口岸进口货物整体通关时间较去年同期压缩了三成以上。",
        Img("/uploads/allimg/190520/1-1Z520091A2-50.jpg", "IMG_20190519_101532", "", "plain", expect_alt=""),
        Raw('<p><img src="http://hm.baidu.example/hm.gif?si=2f1c&amp;et=0" width="0" height="0" /></p>'),
        "业内人士表示，随着口岸基础设施不断完善，霍尔果斯正由单纯的通道经济向口岸经济转型，加工贸易、跨境电商和现代物流等产业加快聚集。",
    ],
    expect={"title": "霍尔果斯口岸货运量创历史新高", "published": "2019-05-20T09:12", "published_source": "byline", "author": "李明", "language": "zh"},
    options={
        "column": "口岸动态",
        "aid": 456,
        "prev": "阿拉山口综合保税区进出口额快速增长",
        "prev_href": "/a/news/2019/0518/455.html",
        "recommend": [("/a/news/2019/0512/450.html", "中哈边境合作中心免税购物政策调整")],
        "hot": [("/a/news/2019/0501/441.html", "一季度新疆对中亚五国进出口增长两成"), ("/a/news/2019/0426/437.html", "喀什经济开发区招商推介会举行")],
        "icp": "新ICP备09001234号",
    },
    not_contains=["DSC_0012", "IMG_20190519", "中国新闻网", "点击", "免税购物"],
)

PBOOTCMS = Page(
    name="zh-pbootcms",
    template=pbootcms,
    url="https://www.ca-trade.example/news/68.html",
    site="中国—中亚商会",
    title="商会组织企业参加塔什干国际工业博览会",
    timezone=SH,
    byline='<span class="mr-2"><i class="fa fa-user-o" aria-hidden="true"></i> 张华</span> <span class="mr-2"><i class="fa fa-clock-o" aria-hidden="true"></i> 2024-03-05 10:20:11</span> <span class="mr-2"><i class="fa fa-eye" aria-hidden="true"></i> 浏览：233</span>',
    blocks=[
        "2月27日至3月1日，商会组织二十余家会员企业参加在乌兹别克斯坦首都塔什干举行的国际工业博览会，集中展示工程机械、农业装备、新能源汽车和家电等产品。",
        Img("/static/upload/image/20240305/1709605211417862.jpg", "", "中国企业展区吸引众多客商", "title"),
        "展会期间，参展企业共接待采购商和合作伙伴一千余人次，达成意向订单金额约三千万美元。多家企业与当地经销商就设立售后服务中心、开展本地化组装进行了洽谈。",
        Img("/static/upload/image/20240305/1709605233190055.jpg", "", "商会与乌方商协会签署合作协议", "title"),
        "商会还与乌兹别克斯坦工商会所属机构签署合作协议，双方将定期互通展会和投资项目信息，为两国中小企业对接提供服务。",
    ],
    expect={"title": "商会组织企业参加塔什干国际工业博览会", "published": "2024-03-05T10:20:11+08:00", "published_source": "byline", "author": "张华", "language": "zh"},
    options={
        "prev": "商会召开2024年会员大会",
        "next": "没有了！",
        "recommend": [("/news/66.html", "商会召开2024年会员大会"), ("/news/61.html", "中亚市场准入政策解读会在京举办")],
    },
    not_contains=["浏览：", "233", "会员大会", "政策解读会"],
)

EMPIRECMS = Page(
    name="zh-empirecms",
    template=empirecms,
    url="http://www.chinaca.example/news/2022-08-12/120.html",
    site="中国中亚合作网",
    title="中吉乌铁路项目前期工作取得新进展",
    encoding="gbk",
    charset="gbk",
    byline='发布时间：2022年8月12日　来源：新华网　作者：王赟　点击：<script src="/e/public/ViewClick/?classid=2&amp;id=120&amp;addclick=1"></script>次',
    blocks=[
        "记者从有关方面获悉，中吉乌铁路项目前期工作近日取得新进展，三方已就项目可行性研究的主要技术参数达成一致。",
        "中吉乌铁路东起中国新疆喀什，经吉尔吉斯斯坦进入乌兹别克斯坦，是连接中国与中亚、西亚地区的重要通道。项目建成后，将大大缩短中国至中亚及欧洲的货物运输距离。",
        "据了解，三方专家组近期在比什凯克举行会议，对线路走向、轨距标准、站点设置等问题进行了深入讨论，并就下一阶段勘察设计工作的分工和时间表作出安排。",
        "吉尔吉斯斯坦交通和通信部有关负责人表示，该项目对吉尔吉斯斯坦发展具有重要意义，吉方将全力配合做好沿线地质勘察和征地准备工作。",
        "乌兹别克斯坦方面表示，中吉乌铁路将与乌国内铁路网和跨里海国际运输走廊相衔接，有助于把乌兹别克斯坦建设成为区域交通物流枢纽。",
        "专家指出，项目沿线地形复杂，高海拔、长隧道路段较多，建设难度较大，需要在设计阶段充分论证，统筹考虑经济效益和生态环境保护。",
        "三方商定，将在年内完成可行性研究报告编制工作，为项目早日开工建设创造条件。",
    ],
    after='<p class="editor" align="right">(责任编辑：李娜)</p>',
    expect={"title": "中吉乌铁路项目前期工作取得新进展", "published": "2022-08-12", "published_source": "byline", "author": "王赟", "language": "zh"},
    options={
        "column": "交通物流",
        "classid": 2,
        "id": 120,
        "prev": "中欧班列（西安）开行中亚新线路",
        "related": [("/news/2022-08-05/118.html", "中欧班列（西安）开行中亚新线路", "2022-08-05"), ("/news/2022-07-29/115.html", "跨里海国际运输走廊货运量增长", "2022-07-29")],
    },
    not_contains=["责任编辑", "李娜", "新华网", "发布时间"],
)

BIG5_LATIN1_HEADER = Page(
    name="zh-big5-header-latin1",
    template=zh_portal,
    url="https://www.trade.example.tw/News_Content.aspx?n=12&s=4567",
    site="經濟部國際貿易署",
    title="臺灣與中亞國家經貿交流座談會圓滿落幕",
    encoding="big5",
    charset="big5",
    content_type="text/html; charset=ISO-8859-1",
    lang="zh-Hant-TW",
    timezone="Asia/Taipei",
    title_tag="經濟部國際貿易署-臺灣與中亞國家經貿交流座談會圓滿落幕",
    byline="<li>發布日期：2023-10-05</li><li>發布單位：國際貿易署</li><li>瀏覽人次：3056</li>",
    blocks=[
        "國際貿易署於10月4日在臺北舉辦「臺灣與中亞國家經貿交流座談會」，邀請哈薩克、烏茲別克等國商會代表與國內廠商就機械、醫療器材及農產品加工等領域合作進行交流。",
        Img("/Upload/RelFile/1234/20231005/meeting.jpg", "座談會與會者合影", "座談會與會者合影", "figure"),
        "國際貿易署表示，中亞國家市場潛力大，近年積極推動產業升級，對臺灣的智慧製造與醫療技術需求殷切。本署將持續協助廠商參加當地展覽，並籌組貿易訪問團，拓展新興市場商機。",
        "與會的中亞商會代表也介紹了各國的投資優惠措施，歡迎臺灣企業前往設廠，並建議雙方建立常態性的商機媒合平台。",
    ],
    expect={"title": "臺灣與中亞國家經貿交流座談會圓滿落幕", "published": "2023-10-05", "published_source": "byline", "author": "國際貿易署", "language": "zh"},
    options={
        "labels": {"home": "首頁", "sitemap": "網站導覽", "news": "新聞稿", "latest": "最新消息", "print": "列印", "back": "回上頁", "share": "分享", "visits": "網站瀏覽人次"},
        "latest": [("News_Content.aspx?n=12&s=4560", "新南向市場拓銷說明會報名開始", "2023-10-02")],
        "footer": "經濟部國際貿易署 版權所有",
    },
    not_contains=["發布日期", "發布單位", "瀏覽人次", "3056", "拓銷說明會"],
)

GOV_UPDATED = Page(
    name="zh-gov-updated",
    template=zh_portal,
    url="https://swt.example.gov.cn/xwzx/gzdt/202309/t20230901_556677.html",
    site="某省商务厅",
    title="我省出台支持企业开拓中亚市场十条措施",
    lang="zh-CN",
    timezone=SH,
    title_tag="我省出台支持企业开拓中亚市场十条措施_某省商务厅",
    byline="<li>发布时间：2023-09-01 09:00</li><li>更新时间：2023-09-05 17:30</li><li>来源：省商务厅</li>",
    blocks=[
        "为深入落实中国—中亚峰会成果，支持外贸企业开拓中亚市场，省商务厅会同有关部门近日出台《支持企业开拓中亚市场十条措施》（以下简称《措施》）。",
        "《措施》围绕市场开拓、通道建设、金融支持和服务保障四个方面提出具体举措。",
        Heading("一、支持企业参加境外展会"),
        "对企业参加省商务厅重点支持的中亚国家展会，按展位费的70%给予补助，单个企业每年补助最高不超过30万元。",
        Heading("二、加快国际物流通道建设"),
        "支持中欧班列增开中亚线路，对运营中亚线路成效明显的平台公司给予奖励，鼓励企业在中亚国家布局海外仓。",
        Heading("三、加大金融支持力度"),
        "引导金融机构创新适合中亚贸易的金融产品，具体包括：",
        Items(("扩大出口信用保险覆盖面；", "开展跨境人民币结算便利化试点；", "为中小企业提供订单融资和保单融资服务。")),
        Heading("四、优化公共服务"),
        "建立中亚市场信息服务平台，定期发布国别贸易指南，为企业提供法律、商事和知识产权咨询服务。",
        "《措施》自发布之日起施行，有效期至2025年12月31日。",
    ],
    expect={"title": "我省出台支持企业开拓中亚市场十条措施", "published": "2023-09-01T09:00+08:00", "published_source": "byline", "author": "省商务厅", "language": "zh"},
    options={
        "labels": {"home": "首页", "sitemap": "网站导航", "news": "工作动态", "latest": "相关阅读", "print": "打印", "back": "返回", "share": "分享", "visits": "浏览次数", "skip": "跳到主要内容"},
        "latest": [("../202308/t20230825_551234.html", "全省外贸形势分析会召开", "2023-08-25")],
        "footer": "某省商务厅 版权所有 ICP备案号：某ICP备05001234号",
        "visits": "4321",
    },
    not_contains=["发布时间", "更新时间", "2023-09-05", "外贸形势分析会"],
)

ZHUANGAO_NO_CHARSET = Page(
    name="zh-zhuangao-nocharset",
    template=zh_portal,
    url="https://gjc.silkroad-univ.example/info/1021/3344.htm",
    site="丝路大学国际合作与交流处",
    title="我校举办第五届中亚留学生中文演讲比赛",
    charset=None,
    lang="zh-CN",
    title_tag="我校举办第五届中亚留学生中文演讲比赛-丝路大学国际合作与交流处",
    byline='<li class="time">2024年3月5日</li>',
    blocks=[
        "3月3日，我校第五届中亚留学生中文演讲比赛在图书馆报告厅举行。来自哈萨克斯坦、吉尔吉斯斯坦、塔吉克斯坦和乌兹别克斯坦的32名留学生参加比赛。",
        "选手们围绕“我眼中的中国”这一主题，讲述了在中国学习生活的经历和感受。经过激烈角逐，比赛共评出一等奖2名、二等奖4名、三等奖6名。",
        "学校负责同志在颁奖时表示，希望同学们学好中文、了解中国，成为促进中国与中亚国家友好交流的使者。",
    ],
    after='<p class="zg" style="text-align:right">撰稿：刘洋　审核：陈刚</p>',
    expect={"title": "我校举办第五届中亚留学生中文演讲比赛", "published": "2024-03-05", "published_source": "byline", "author": "刘洋", "language": "zh"},
    options={
        "labels": {"home": "首页", "sitemap": "网站导航", "news": "通知公告", "latest": "最新动态", "print": "打印", "back": "返回", "share": "分享", "visits": "浏览次数", "skip": "跳到主要内容"},
        "latest": [("/info/1021/3340.htm", "国际合作与交流处召开新学期工作会", "2024-02-28")],
        "footer": "丝路大学国际合作与交流处 版权所有",
    },
    not_contains=["撰稿", "审核", "陈刚", "新学期工作会"],
)

GBK_HEADER_UTF8 = Page(
    name="zh-gbk-header-utf8",
    template=trs,
    url="http://www.fao.example.gov.cn/xwdt/202012/t20201218_778899.html",
    site="某省人民政府外事办公室",
    title="省外办举办中亚国家驻华使节座谈会",
    encoding="gbk",
    charset="gbk",
    content_type="text/html; charset=utf-8",
    byline='<span>发布时间：2020-12-18</span>　<span class="font">来源：省外办</span>',
    blocks=[
        "12月17日，省外办以视频方式举办中亚国家驻华使节座谈会，哈萨克斯坦、吉尔吉斯斯坦、塔吉克斯坦、土库曼斯坦和乌兹别克斯坦驻华使馆外交官参加。",
        "省外办负责同志介绍了我省对外开放和与中亚国家交流合作情况，表示愿同各国在经贸、教育、旅游等领域加强合作，共同推动地方交往走深走实。",
        "各国外交官积极评价与我省的合作成果，希望双方克服疫情影响，保持线上交流势头，待条件允许时恢复人员往来。",
    ],
    expect={"title": "省外办举办中亚国家驻华使节座谈会", "published": "2020-12-18", "published_source": "byline", "author": "省外办", "language": "zh"},
    options={"domain": "www.fao.example.gov.cn", "column": "外事动态", "site_code": "4400000010", "icp": "粤ICP备05012345号"},
    not_contains=["发布时间", "来源："],
)

TRS_BRIEF = Page(
    name="zh-trs-brief",
    template=trs,
    url="https://www.mfa.example.cn/web/wjbxw/202407/t20240702_11446301.shtml",
    site="外交部",
    title="中国—中亚合作论坛秘书处第四次会议将在阿斯塔纳举行",
    timezone=SH,
    head='<meta name="PubDate" content="2024-07-02 15:36">\n<meta name="ContentSource" content="外交部">',
    byline='2024-07-02 15:36　<span class="font">来源：外交部</span>',
    blocks=[
        "中国—中亚合作论坛秘书处第四次会议将于7月4日在哈萨克斯坦阿斯塔纳举行，各成员国协调员将出席会议。",
    ],
    expect={"title": "中国—中亚合作论坛秘书处第四次会议将在阿斯塔纳举行", "published": "2024-07-02T15:36+08:00", "published_source": "meta", "author": "外交部", "language": "zh"},
    options={"domain": "www.mfa.example.cn", "column": "外交部新闻"},
    not_contains=["来源："],
)

PAGES = [
    METINFO_GALLERY,
    METINFO_SHORT,
    TRS_URL_DATE,
    TRS_GB18030,
    HANWEB_HEADER,
    DEDECMS_GALLERY,
    PBOOTCMS,
    EMPIRECMS,
    BIG5_LATIN1_HEADER,
    GOV_UPDATED,
    ZHUANGAO_NO_CHARSET,
    GBK_HEADER_UTF8,
    TRS_BRIEF,
]
