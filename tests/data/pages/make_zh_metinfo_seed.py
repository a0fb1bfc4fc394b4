# ruff: noqa: E501 -- the template lines reproduce MetInfo's markup as the CMS writes it.
"""Build zh-metinfo-seed.html (GBK bytes) and its expected file from the copied seed text.

Run once by hand: ``python tests/data/pages/make_zh_metinfo_seed.py SEED_TXT``. The outputs
are committed, so the tests never read the seed itself.
"""

from __future__ import annotations

import html
import json
import sys
from pathlib import Path

HERE = Path(__file__).parent
URL = "http://www.scosecretariat.example/news/shownews.php?lang=cn&id=708"
PLACEHOLDER = "图片关键词"
WIDGETS = ("电话咨询", "邮件咨询", "在线地图", "QQ客服")

HEAD = """<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<meta name="viewport" content="width=device-width,initial-scale=1.0" />
<title>{title}-上海合作组织睦邻友好合作委员会秘书处</title>
<meta name="description" content="{description}" />
<meta name="keywords" content="上合组织,睦邻友好,北斗" />
<meta name="generator" content="MetInfo 6.1.3" data-variable="../|cn|10001|shownews|5" />
<link href="../favicon.ico" rel="shortcut icon" type="image/x-icon" />
<link rel="stylesheet" type="text/css" href="../templates/met/cache/shownews_cn.css" />
<script>var met_lang='cn', met_weburl='../';</script>
</head>
<body>
<header class="met-head" m-id="met_head" m-type="head_nav">
  <nav class="navbar navbar-default box-shadow-none met-nav">
    <div class="container">
      <a href="../" class="met-logo vertical-align block pull-xs-left" title="上海合作组织睦邻友好合作委员会秘书处">
        <img src="../upload/201905/1557281234.png" alt="上海合作组织睦邻友好合作委员会秘书处" /></a>
      <ul class="nav navbar-nav navlist">
        <li><a href="../" title="网站首页" class="link">网站首页</a></li>
        <li><a href="../about/" title="关于我们" class="link">关于我们</a></li>
        <li class="active"><a href="../news/" title="新闻动态" class="link">新闻动态</a></li>
        <li><a href="../activity/" title="活动项目" class="link">活动项目</a></li>
        <li><a href="../contact/" title="联系我们" class="link">联系我们</a></li>
      </ul>
    </div>
  </nav>
</header>
<div class="met-banner-ny"><img src="../upload/201905/banner_news.jpg" alt="新闻动态" width="1920" height="300" /></div>
<section class="met-crumbs hidden-sm-down" m-id="met_position">
  <div class="container">您的位置：<a href="../" title="网站首页">网站首页</a> &gt;
    <a href="../news/" title="新闻动态">新闻动态</a> &gt; <a href="../news/news.php?lang=cn&amp;class2=5" title="官方">官方</a></div>
</section>
<main class="met-shownews animsition">
  <div class="container">
    <div class="row">
      <div class="col-md-9 met-shownews-body" m-id="noset">
        <div class="row">
          <section class="details-title border-bottom1">
            <h1 class="m-0">官方 - {title}</h1>
            <div class="info font-weight-300">
              <span>2022-01-30 19:04:10</span>
              <span>秘书处</span>
              <span><i class="icon wb-eye m-r-5" aria-hidden="true"></i>1</span>
            </div>
          </section>
          <section class="met-editor clearfix">
"""

TAIL = """          </section>
          <div class="met-shownews-footer border-top1">
            <ul class="pager pager-round">
              <li class="previous"><a href="shownews.php?lang=cn&amp;id=707" title="上海合作组织睦邻友好合作委员会举办线上交流会">上一篇<span aria-hidden="true" class="hidden-xs-down">：上海合作组织睦邻友好合作委员会举办线上交流会</span></a></li>
              <li class="next"><a href="shownews.php?lang=cn&amp;id=709" title="第二届上合组织民间友好论坛筹备会召开">下一篇<span aria-hidden="true" class="hidden-xs-down">：第二届上合组织民间友好论坛筹备会召开</span></a></li>
            </ul>
          </div>
        </div>
      </div>
      <div class="col-md-3">
        <aside class="met-sidebar panel panel-body m-b-0" boxmh-h m-id="news_bar" m-type="nocontent">
          <div class="sidebar-column">
            <a href="../news/news.php?lang=cn&amp;class2=5" title="官方" class="active">官方</a>
            <a href="../news/news.php?lang=cn&amp;class2=6" title="媒体报道">媒体报道</a>
          </div>
          <div class="sidebar-piclist">
            <h3 class="m-0 font-size-16 font-weight-300">为您推荐</h3>
            <ul class="blocks-2 blocks-md-3 blocks-lg-100p m-0 p-0">
              <li class="masonry-child"><a href="shownews.php?lang=cn&amp;id=701" title="上合组织睦邻友好合作委员会走进乌兹别克斯坦">
                <img src="../upload/thumb_src/400_300/1640000001.jpg" alt="上合组织睦邻友好合作委员会走进乌兹别克斯坦" /></a>
                <h4><a href="shownews.php?lang=cn&amp;id=701">上合组织睦邻友好合作委员会走进乌兹别克斯坦</a></h4><p>2021-12-20</p></li>
              <li class="masonry-child"><a href="shownews.php?lang=cn&amp;id=699" title="民间友好论坛在青岛举行">
                <img src="../upload/thumb_src/400_300/1639000002.jpg" alt="民间友好论坛在青岛举行" /></a>
                <h4><a href="shownews.php?lang=cn&amp;id=699">民间友好论坛在青岛举行</a></h4><p>2021-11-28</p></li>
            </ul>
          </div>
        </aside>
      </div>
    </div>
  </div>
</main>
<footer class="met-foot-info border-top1" m-id="met_foot" m-type="foot">
  <div class="met-footnav text-xs-center">
    <a href="../about/" title="关于我们">关于我们</a> | <a href="../contact/" title="联系我们">联系我们</a>
  </div>
  <div class="container text-xs-center">
    <p>上海合作组织睦邻友好合作委员会秘书处 版权所有 2008-2022</p>
    <p>地址：北京市朝阳区某某路1号 电话：010-12345678</p>
    <p><a href="https://beian.miit.gov.cn" target="_blank">京ICP备12345678号-1</a></p>
    <p class="powered_by_metinfo">Powered by <a href="https://www.metinfo.cn" target="_blank">MetInfo 6.1.3</a></p>
  </div>
</footer>
<div class="met-menu-list text-xs-center iskeshi" m-id="noset" m-type="menu">
  <div class="main">
    <div style="background-color: #0f6bb8;"><a href="tel:010-12345678" class="item" target="_self"><i class="icon fa-phone"></i><span>电话咨询</span></a></div>
    <div style="background-color: #0f6bb8;"><a href="mailto:info@scosecretariat.example" class="item" target="_self"><i class="icon fa-envelope"></i><span>邮件咨询</span></a></div>
    <div style="background-color: #0f6bb8;"><a href="../contact/map.php" class="item" target="_blank"><i class="icon fa-map-marker"></i><span>在线地图</span></a></div>
    <div style="background-color: #0f6bb8;"><a href="http://wpa.qq.com/msgrd?v=3&amp;uin=12345678&amp;site=qq&amp;menu=yes" class="item" target="_blank"><i class="icon fa-qq"></i><span>QQ客服</span></a></div>
  </div>
</div>
<script src="../public/ui/v2/static/js/basic.js"></script>
<script src="../templates/met/cache/shownews_cn.js"></script>
</body>
</html>
"""


def body_lines(seed: str) -> tuple[str, list[str]]:
    """Return the headline (without its category label) and the lines after the byline."""
    lines = [line.strip() for line in seed.splitlines()]
    headline = lines[0].split(" - ", 1)[1]
    byline_at = next(i for i, line in enumerate(lines) if line.startswith("2022-01-30"))
    end = next(i for i, line in enumerate(lines) if line == WIDGETS[0])
    return headline, [line for line in lines[byline_at + 1 : end] if line]


def editor_html(lines: list[str]) -> str:
    out = []
    for number, line in enumerate(lines, start=1):
        if line == PLACEHOLDER:
            src = f"../upload/202201/16435418{number:02d}4821.jpg"
            out.append(
                f'            <p style="text-align: center;"><img src="{src}" alt="{PLACEHOLDER}" title="{PLACEHOLDER}"'
                ' width="600" height="400" style="max-width:100%;" /></p>'
            )
        else:
            out.append(f"            <p>{html.escape(line, quote=False)}</p>")
    return "\n".join(out) + "\n"


def main(seed_path: str) -> None:
    headline, lines = body_lines(Path(seed_path).read_text(encoding="utf-8"))
    page = HEAD.format(title=headline, description=lines[0][:80]) + editor_html(lines) + TAIL
    (HERE / "zh-metinfo-seed.html").write_bytes(page.encode("gbk"))
    paragraphs = [line for line in lines if line != PLACEHOLDER]
    images = [
        f"http://www.scosecretariat.example/upload/202201/16435418{n:02d}4821.jpg"
        for n, line in enumerate(lines, start=1)
        if line == PLACEHOLDER
    ]
    expected = {
        "url": URL,
        "timezone": "Asia/Shanghai",
        "title": headline,
        "published": "2022-01-30T19:04:10+08:00",
        "published_source": "byline",
        "author": "秘书处",
        "language": "zh",
        "text": "\n\n".join(paragraphs),
        "contains": [paragraphs[0], paragraphs[-1]],
        "not_contains": [
            PLACEHOLDER,
            *WIDGETS,
            "浏览",
            "上一篇",
            "下一篇",
            "您的位置",
            "ICP",
            "为您推荐",
        ],
        "images": images,
        "image_alts": [""] * len(images),
    }
    out = HERE / "zh-metinfo-seed.expected.json"
    out.write_text(json.dumps(expected, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
