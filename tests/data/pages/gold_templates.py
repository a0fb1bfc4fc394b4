"""Page templates of the CMSs official sites run, furniture included, one function a CMS.

Each takes a ``Page`` and returns its markup; ``FURNITURE`` lists, per template, strings of
its furniture that must never reach the extracted text.
"""

from __future__ import annotations

from gold_model import Page, esc, render_blocks

FURNITURE: dict[str, list[str]] = {}


def furniture(*strings: str):
    def register(function):
        FURNITURE[function.__name__] = list(strings)
        return function

    return register


def charset_meta(page: Page, style: str = "http-equiv") -> str:
    if page.charset is None:
        return ""
    if style == "html5":
        return f'<meta charset="{page.charset}">'
    return f'<meta http-equiv="Content-Type" content="text/html; charset={page.charset}" />'


def lang_attr(page: Page) -> str:
    return f' lang="{page.lang}"' if page.lang else ""


def links(items: list[tuple[str, str]], item: str = "<li>{}</li>") -> str:
    return "".join(item.format(f'<a href="{href}">{esc(text)}</a>') for href, text in items)


def dated_list(items: list[tuple[str, str, str]], row: str) -> str:
    return "".join(row.format(href=href, text=esc(text), date=date) for href, text, date in items)


@furniture("电话咨询", "邮件咨询", "在线地图", "QQ客服", "上一篇", "下一篇", "您的位置", "网站首页", "ICP", "为您推荐", "技术支持")
def metinfo(page: Page) -> str:
    o = page.options
    related = dated_list(
        o.get("related", []),
        '<li><a href="{href}" title="{text}" target="_self">{text}</a><span class="pull-right">{date}</span></li>',
    )
    return f"""<!DOCTYPE html>
<html{lang_attr(page)}>
<head>
{charset_meta(page)}
<meta name="viewport" content="width=device-width,initial-scale=1.0,maximum-scale=1.0,user-scalable=0,minimal-ui">
<meta name="format-detection" content="telephone=no" />
<title>{esc(page.title_tag or page.title + '-' + page.site)}</title>
<meta name="description" content="{esc(o.get('description', ''))}" />
<meta name="keywords" content="{esc(o.get('keywords', ''))}" />
<meta name="generator" content="MetInfo 7.2.0" data-variable="../|cn|10001|shownews|{o.get('class', 3)}" />
<link href="../favicon.ico?1589526474" rel="shortcut icon" type="image/x-icon" />
<link rel="stylesheet" type="text/css" href="../public/web/css/basic.css?1589526474" />
<link rel="stylesheet" type="text/css" href="../templates/mui220/cache/shownews_cn.css?1701234567" />
{page.head}
</head>
<body>
<header class="met-head" m-id="met_head" m-type="head_nav">
  <nav class="navbar navbar-default box-shadow-none met-nav">
    <div class="container"><div class="row">
      <h1 hidden>{esc(page.site)}</h1>
      <a href="../" class="met-logo vertical-align block pull-xs-left" title="{esc(page.site)}">
        <div class="vertical-align-middle"><img src="../upload/202003/1584950212.png" alt="{esc(page.site)}" class="hidden-sm-down" /></div></a>
      <ul class="nav navbar-nav navlist">
        <li class="nav-item"><a href="../" title="网站首页" class="nav-link">网站首页</a></li>
        <li class="nav-item"><a href="../about/" title="关于我们" class="nav-link">关于我们</a></li>
        <li class="nav-item active"><a href="../news/" title="新闻中心" class="nav-link">新闻中心</a></li>
        <li class="nav-item"><a href="../project/" title="合作项目" class="nav-link">合作项目</a></li>
        <li class="nav-item"><a href="../contact/" title="联系我们" class="nav-link">联系我们</a></li>
      </ul>
    </div></div>
  </nav>
</header>
<div class="met-banner-ny vertical-align text-center" m-id="banner"><img src="../upload/202003/banner_news.jpg" alt="新闻中心" width="1920" height="360" /><h3 class="vertical-align-middle">新闻中心</h3></div>
<div class="met-column-nav" m-id="subcolumn_nav" m-type="nocontent"><div class="container"><div class="row"><div class="clearfix">
  <div class="subcolumn-nav text-xs-center"><ul class="met-column-nav-ul invisible-xs"><li><a href="../news/news.php?class2=3" title="秘书处动态" class="link active">秘书处动态</a></li><li><a href="../news/news.php?class2=4" title="成员动态" class="link">成员动态</a></li></ul></div>
  <div class="met-column-nav-position">您的位置：<a href="../" title="网站首页">网站首页</a> &gt; <a href="../news/" title="新闻中心">新闻中心</a></div>
</div></div></div></div>
<main class="met-shownews animsition">
  <div class="container"><div class="row">
    <div class="col-md-9 met-shownews-body" m-id="noset"><div class="row">
      <section class="details-title border-bottom1">
        <h1 class="m-0">{esc(page.title)}</h1>
        <div class="info font-weight-300">
{page.byline}
        </div>
      </section>
      <section class="met-editor clearfix">
{render_blocks(page.blocks, paragraph='<p><span style="font-family: 宋体, SimSun; font-size: 16px;">　　{}</span></p>', centre='style="text-align: center;"')}
{page.after}
      </section>
      <div class="detail_tag font-size-14">{esc(o.get('tags', ''))}</div>
      <div class="met-shownews-footer border-top1">
        <ul class="pagination block blocks-2 p-t-20">
          <li class="page-item m-b-0"><a href="{o.get('prev_href', '#')}" title="{esc(o.get('prev', '没有了'))}" class="page-link text-truncate">上一篇<span aria-hidden="true" class="hidden-xs-down">: {esc(o.get('prev', '没有了'))}</span></a></li>
          <li class="page-item m-b-0"><a href="{o.get('next_href', '#')}" title="{esc(o.get('next', '没有了'))}" class="page-link pull-xs-right text-truncate">下一篇<span aria-hidden="true" class="hidden-xs-down">: {esc(o.get('next', '没有了'))}</span></a></li>
        </ul>
      </div>
    </div></div>
    <div class="col-md-3"><div class="row">
      <aside class="met-sidebar panel panel-body m-b-0" boxmh-h m-id="news_bar" m-type="nocontent">
        <div class="sidebar-news-list recommend"><h3 class="font-size-16 m-0">为您推荐</h3>
          <ul class="list-group list-group-bordered m-t-10 m-b-0">{related}</ul></div>
      </aside>
    </div></div>
  </div></div>
</main>
<footer class="met-foot-info border-top1" m-id="met_foot" m-type="foot">
  <div class="met-footnav text-xs-center"><div class="container"><div class="row mob-masonry"></div></div></div>
  <div class="container text-xs-center"><p class="m-b-0">{esc(page.site)} 版权所有 {o.get('icp', '京ICP备18012345号-1')}</p>
  <p class="m-b-0">地址：{esc(o.get('address', '北京市朝阳区'))}</p>
  <div class="powered_by_metinfo">技术支持：<b><a href="https://www.mituo.cn" target="_blank">米拓建站 7.2.0</a></b> &copy;2008-2023</div></div>
</footer>
<div class="met-menu-list text-xs-center iskeshi" m-id="noset" m-type="menu">
  <div class="main"><div><a href="tel:010-12345678">电话咨询</a></div><div><a href="mailto:office@example.org">邮件咨询</a></div><div><a href="../contact/">在线地图</a></div><div><a href="tencent://message/?uin=100001">QQ客服</a></div></div>
</div>
<button type="button" class="btn btn-icon btn-primary btn-squared met-scroll-top" hidden><i class="icon wb-chevron-up" aria-hidden="true"></i></button>
<script src="../public/web/js/basic.js?1589526474" data-js_url="../templates/mui220/cache/shownews_cn.js?1701234567" id="met-page-js"></script>
</body>
</html>
"""


@furniture("当前位置", "字体", "打印", "关闭", "相关链接", "网站地图", "ICP", "公网安备", "扫一扫", "网站标识码")
def trs(page: Page) -> str:
    o = page.options
    related = dated_list(o.get("related", []), '<li><a href="{href}" target="_blank">{text}</a><span>{date}</span></li>')
    return f"""<!DOCTYPE html>
<html>
<head>
{charset_meta(page)}
<meta name="viewport" content="width=device-width, initial-scale=1.0, user-scalable=no">
<title>{esc(page.title_tag or page.title + '_' + page.site)}</title>
<meta name="SiteName" content="{esc(page.site)}">
<meta name="SiteDomain" content="{esc(o.get('domain', ''))}">
<meta name="SiteIDCode" content="{o.get('site_code', 'bm04000001')}">
<meta name="ColumnName" content="{esc(o.get('column', '新闻发布'))}">
<meta name="ColumnType" content="{esc(o.get('column', '新闻发布'))}">
<meta name="ArticleTitle" content="{esc(page.title)}">
{page.head}
<link rel="stylesheet" href="/images/common.css">
<script src="/images/jquery-1.12.4.min.js"></script>
</head>
<body>
<div class="header">
  <div class="w1200"><div class="logo"><a href="/"><img src="/images/logo.png" alt="{esc(page.site)}"></a></div>
  <div class="search"><form action="/was5/web/search" method="get" target="_blank"><input type="text" name="searchword" placeholder="请输入关键词"><input type="submit" value="搜索"></form></div>
  <div class="top-links"><a href="/">首页</a> | <a href="/wza/">无障碍</a> | <a href="/english/">English</a></div></div>
</div>
<div class="nav"><ul class="w1200"><li><a href="/">首页</a></li><li><a href="/xwdt/">新闻动态</a></li><li><a href="/zcfb/">政策发布</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
<div class="container w1200">
  <div class="crumbs">当前位置：<a href="/">首页</a> &gt; <a href="/xwdt/">新闻动态</a> &gt; <a href="./">{esc(o.get('column', '新闻发布'))}</a></div>
  <div class="article">
    <div class="article_title"><h1>{esc(page.title)}</h1></div>
    <div class="pages-date">{page.byline}<span class="font index_switchsize">【字体：<span onclick="doZoom(16)">大</span> <span onclick="doZoom(14)">中</span> <span onclick="doZoom(12)">小</span>】</span><span class="font printIco" onclick="window.print()">打印</span></div>
    <div class="article_con" id="UCAP-CONTENT">
      <div class="TRS_Editor"><style type="text/css">.TRS_Editor P{{margin-top:0px;margin-bottom:12px;line-height:1.8;font-family:宋体;font-size:12pt;}}.TRS_Editor TD{{font-size:12pt;}}</style><div class="Custom_UnionStyle">
<!--<p>稿件正文</p>-->
{render_blocks(page.blocks, paragraph='<p style="text-indent: 2em;">{}</p>', centre='align="center"')}
      </div></div>
    </div>
{page.after}
    <div class="article_share"><div class="bdsharebuttonbox">分享到：<a href="#" class="bds_weixin" data-cmd="weixin" title="分享到微信"></a><a href="#" class="bds_tsina" data-cmd="tsina" title="分享到新浪微博"></a></div><div class="ewm"><img src="/images/ewm_gzh.jpg" alt="" width="100" height="100"><p>扫一扫在手机打开当前页</p></div></div>
    <div class="article_close"><a href="javascript:window.print()">【打印】</a><a href="javascript:window.close()">【关闭】</a></div>
  </div>
  <div class="related"><div class="related_title">相关链接</div><ul>{related}</ul></div>
</div>
<div class="footer">
  <div class="w1200"><div class="foot-links"><a href="/gywm/">关于我们</a> | <a href="/wzdt/">网站地图</a> | <a href="/lxwm/">联系我们</a></div>
  <p>主办单位：{esc(page.site)}　　网站标识码：{o.get('site_code', 'bm04000001')}</p>
  <p><a href="https://beian.miit.gov.cn/" target="_blank">{o.get('icp', '京ICP备05070818号')}</a>　<img src="/images/ga.png" width="20" height="20" alt="">京公网安备 11010202000003号</p>
  <div class="jiucuo"><script id="_jiucuo_" sitecode="{o.get('site_code', 'bm04000001')}" src="https://zfwzgl.www.gov.example/exposure/jiucuo.js"></script></div></div>
</div>
</body>
</html>
"""


@furniture("您当前的位置", "打印本页", "关闭窗口", "字体", "网站标识码", "ICP", "浏览次数", "主办", "承办")
def hanweb(page: Page) -> str:
    o = page.options
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
{charset_meta(page)}
<title>{esc(page.title_tag or page.title)}</title>
<meta name="SiteName" content="{esc(page.site)}">
<meta name="ColumnName" content="{esc(o.get('column', '工作动态'))}">
<meta name="ArticleTitle" content="{esc(page.title)}">
{page.head}
<link href="/module/jslib/jquery/jquery.css" rel="stylesheet" type="text/css" />
<script language="javascript" src="/module/jslib/jquery/jquery.js"></script>
</head>
<body>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0" class="top">
  <tr><td><img src="/picture/0/top_banner.jpg" width="1000" height="150" alt="" /></td></tr>
  <tr><td class="nav"><a href="/">首页</a>　<a href="/col/col1/index.html">机构概况</a>　<a href="/col/col2/index.html">政务公开</a>　<a href="/col/col3/index.html">外事动态</a>　<a href="/col/col4/index.html">办事服务</a></td></tr>
</table>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0">
  <tr><td class="bt_position">您当前的位置：<a href="/">首页</a> &gt; <a href="/col/col3/index.html">{esc(o.get('column', '工作动态'))}</a></td></tr>
  <tr><td>
    <table width="100%" border="0" cellspacing="0" cellpadding="0" id="article">
      <tr><td class="title" align="center">{esc(page.title)}</td></tr>
      <tr><td class="bt_content_info" align="center">{page.byline}
        <span>【字体：<a href="javascript:doZoom(20)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(12)">小</a>】</span></td></tr>
      <tr><td class="bt_content"><div id="zoom">
<!--ZJEG_RSS.content.begin--><meta name="ContentStart">
{render_blocks(page.blocks, centre='align="center"')}
<meta name="ContentEnd"><!--ZJEG_RSS.content.end-->
      </div>
{page.after}
      </td></tr>
      <tr><td align="center" class="bt_link"><a href="javascript:window.print()">[打印本页]</a>　<a href="javascript:window.close()">[关闭窗口]</a></td></tr>
    </table>
  </td></tr>
</table>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0" class="bottom">
  <tr><td align="center">主办：{esc(page.site)}　承办：{esc(o.get('host', '市大数据发展管理局'))}<br />
  网站标识码：{o.get('site_code', '3201000012')}　<a href="https://beian.miit.gov.cn">{o.get('icp', '苏ICP备05008888号')}</a><br />
  <script type="text/javascript">document.write(unescape("%3Cspan id='_ideConac' %3E%3C/span%3E"));</script></td></tr>
</table>
<script language="javascript" src="/script/hits.js?webid=1&amp;wbid=999"></script>
</body>
</html>
"""


@furniture("当前位置", "上一篇", "下一篇", "收藏", "挑错", "推荐", "打印", "分隔线", "推荐内容", "热点内容", "DedeCMS", "ICP", "设为首页")
def dedecms(page: Page) -> str:
    o = page.options
    hot = links(o.get("hot", []))
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
{charset_meta(page)}
<title>{esc(page.title_tag or page.title + '_' + o.get('column', '新闻动态') + '_' + page.site)}</title>
<meta name="keywords" content="{esc(o.get('keywords', ''))}" />
<meta name="description" content="{esc(o.get('description', ''))}" />
<link href="/templets/default/style/dedecms.css" rel="stylesheet" media="screen" type="text/css" />
<script language="javascript" type="text/javascript" src="/include/dedeajax2.js"></script>
{page.head}
</head>
<body class="articleview">
<div class="header_top w960 center"><span class="time">欢迎光临{esc(page.site)}官方网站</span><div class="toplinks"><a href="/" onclick="this.style.behavior='url(#default#homepage)';this.setHomePage('/');">设为首页</a> | <a href="javascript:window.external.AddFavorite('/','{esc(page.site)}')">加入收藏</a></div></div>
<div class="header"><div class="top w960 center"><div class="title"><a href="/"><img src="/templets/default/images/logo.gif" height="54" width="216" alt="{esc(page.site)}" /></a></div></div>
<div class="module blue mT10 wrapper w963"><div id="navMenu"><ul><li><a href="/"><span>主页</span></a></li><li><a href="/a/news/"><span>新闻动态</span></a></li><li><a href="/a/about/"><span>关于我们</span></a></li><li><a href="/a/contact/"><span>联系方式</span></a></li></ul></div></div></div>
<div class="w960 center clear mt1">
<div class="pleft">
  <div class="place"><strong>当前位置:</strong> <a href="/">主页</a> &gt; <a href="/a/news/">{esc(o.get('column', '新闻动态'))}</a> &gt;</div>
  <div class="viewbox">
    <div class="title"><h2>{esc(page.title)}</h2></div>
    <div class="info">{page.byline}</div>
    <div class="intro">{esc(o.get('description', ''))}</div>
    <div class="content"><table width="100%"><tr><td>
<div id="contentMidPicAD" style="float:right; clear:both; top:0; vertical-align:top;"></div>
{render_blocks(page.blocks, centre='align="center"')}
{page.after}
    </td></tr></table></div>
    <div class="boxoff"><strong>------分隔线----------------------------</strong></div>
    <div class="handle">
      <div class="context"><ul><li>上一篇：<a href="{o.get('prev_href', '#')}">{esc(o.get('prev', '没有了'))}</a> </li><li>下一篇：{esc(o.get('next', '没有了'))} </li></ul></div>
      <div class="actbox"><ul><li id="act-fav"><a href="/plus/stow.php?aid={o.get('aid', 1)}" target="_blank">收藏</a></li><li id="act-err"><a href="/plus/erraddsave.php?aid={o.get('aid', 1)}" target="_blank">挑错</a></li><li id="act-pus"><a href="/plus/recommend.php?aid={o.get('aid', 1)}" target="_blank">推荐</a></li><li id="act-pnt"><a href="#" onclick="window.print();">打印</a></li></ul></div>
    </div>
  </div>
</div>
<div class="pright">
  <div class="commend mt1"><dl class="tbox light"><dt class="light"><strong>推荐内容</strong></dt><dd class="light"><ul class="d4">{links(o.get('recommend', []))}</ul></dd></dl></div>
  <div class="hot mt1"><dl class="tbox light"><dt class="light"><strong>热点内容</strong></dt><dd class="light"><ul class="c1 ico2">{hot}</ul></dd></dl></div>
</div>
</div>
<div class="footer w960 center mt1 clear"><div class="footer_body"><p class="powered">Powered by <a href="http://www.dedecms.com" title="织梦内容管理系统(DedeCMS)" target="_blank"><strong>DedeCMS</strong></a> &copy; 2004-2019 {esc(page.site)} {o.get('icp', '京ICP备10012345号')}</p></div></div>
</body>
</html>
"""


@furniture("上一篇", "下一篇", "浏览", "首页", "版权所有", "ICP", "相关推荐", "在线留言")
def pbootcms(page: Page) -> str:
    o = page.options
    return f"""<!doctype html>
<html lang="zh">
<head>
{charset_meta(page, 'html5')}
<meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no">
<title>{esc(page.title_tag or page.title + '-' + page.site)}</title>
<meta name="keywords" content="{esc(o.get('keywords', ''))}">
<meta name="description" content="{esc(o.get('description', ''))}">
<meta name="generator" content="PbootCMS">
<link rel="stylesheet" href="/template/default/bootstrap/css/bootstrap.min.css">
<link rel="stylesheet" href="/template/default/font-awesome-4.7.0/css/font-awesome.min.css">
{page.head}
</head>
<body>
<nav class="navbar navbar-light bg-light fixed-top navbar-expand-lg shadow-sm">
  <div class="container">
    <a class="navbar-brand my-1" href="/"><img src="/static/upload/image/20230101/logo.png" class="logo-sm-height" height="50" alt="{esc(page.site)}"></a>
    <div class="collapse navbar-collapse justify-content-end" id="navbarNav"><ul class="navbar-nav">
      <li class="nav-item"><a class="nav-link" href="/">首页</a></li><li class="nav-item active"><a class="nav-link" href="/news/">新闻中心</a></li><li class="nav-item"><a class="nav-link" href="/about/">关于我们</a></li><li class="nav-item"><a class="nav-link" href="/gbook/">在线留言</a></li></ul></div>
  </div>
</nav>
<div class="jumbotron jumbotron-fluid mb-2" style="background:#e9ecef url(/static/upload/image/20230101/banner.jpg) no-repeat;background-size:cover;"><div class="container text-light"><h1 class="fs-18 fs-sm-26 wow fadeInDown">新闻中心</h1></div></div>
<div class="container pages">
  <div class="position mb-3"><i class="fa fa-home" aria-hidden="true"></i> 当前位置：<a href="/">首页</a> &gt; <a href="/news/">新闻中心</a></div>
  <h2 class="text-center fs-sm-28 fs-20 mt-3">{esc(page.title)}</h2>
  <div class="text-center border-bottom text-secondary pb-2 mb-3">{page.byline}</div>
  <div class="content mb-3">
{render_blocks(page.blocks)}
{page.after}
  </div>
  <div class="text-secondary lh-2">
    <p>上一篇：<a href="{o.get('prev_href', '#')}">{esc(o.get('prev', '没有了！'))}</a></p>
    <p>下一篇：<a href="{o.get('next_href', '#')}">{esc(o.get('next', '没有了！'))}</a></p>
  </div>
  <h5 class="mt-4 mb-3 border-bottom pb-2">相关推荐</h5>
  <div class="row">{''.join(f'<div class="col-12 col-sm-6 col-lg-3 wow zoomIn"><div class="card"><div class="card-img-150"><a href="{h}"><img class="card-img-top" src="/static/upload/image/20240101/thumb.jpg" alt="{esc(t)}"></a></div><div class="card-body"><h5 class="card-title">{esc(t)}</h5></div></div></div>' for h, t in o.get('recommend', []))}</div>
</div>
<div class="footer mt-3 pt-5 border-top text-secondary bg-light"><div class="container"><div class="row pb-5">
  <div class="col-12 col-md-5"><h5>{esc(page.site)}</h5><ul class="lh-2"><li>电话：010-88886666</li><li>邮箱：office@example.org</li><li>地址：{esc(o.get('address', '北京市西城区'))}</li></ul></div>
</div></div>
<div class="copyright border-top lh-3 text-center d-none d-md-block">{o.get('copyright', '版权所有')} &copy; 2024 {esc(page.site)} All Rights Reserved. <a href="http://beian.miit.gov.cn/" target="_blank" rel="nofollow">{o.get('icp', '京ICP备20001234号')}</a></div></div>
<div class="online d-none d-md-block"><dl><dt style="width:150px;"><h3><i class="fa fa-commenting-o"></i>在线咨询</h3><p><a target="_blank" href="http://wpa.qq.com/msgrd?v=3&amp;uin=100002&amp;site=qq&amp;menu=yes">QQ客服</a></p></dt><dd><i class="fa fa-commenting-o"></i></dd><dd>在线咨询</dd></dl></div>
<script src="/template/default/js/jquery-1.12.4.min.js"></script>
</body>
</html>
"""


@furniture("现在的位置", "点击", "上一篇", "下一篇", "相关文章", "分享到", "收藏", "ICP", "帝国")
def empirecms(page: Page) -> str:
    o = page.options
    related = dated_list(o.get("related", []), '<li><span>{date}</span><a href="{href}" title="{text}">{text}</a></li>')
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
{charset_meta(page)}
<title>{esc(page.title_tag or page.title + ' - ' + page.site)}</title>
<meta name="keywords" content="{esc(o.get('keywords', ''))}" />
<meta name="description" content="{esc(o.get('description', ''))}" />
<link href="/skin/default/css/style.css" rel="stylesheet" type="text/css" />
<script type="text/javascript" src="/e/data/js/ajax.js"></script>
{page.head}
</head>
<body>
<div class="top"><div class="wrap"><a href="/" class="logo"><img src="/skin/default/images/logo.gif" width="240" height="60" alt="{esc(page.site)}" /></a>
<div class="search"><form action="/e/search/index.php" method="post" name="searchform"><input name="keyboard" type="text" size="32" /><input type="submit" name="Submit" value="搜索" /></form></div></div></div>
<div class="nav"><div class="wrap"><ul><li><a href="/">首页</a></li><li><a href="/news/">新闻中心</a></li><li><a href="/zhengce/">政策法规</a></li><li><a href="/about/">协会概况</a></li></ul></div></div>
<div class="wrap">
  <div class="position">现在的位置：<a href="/">首页</a>&nbsp;&gt;&nbsp;<a href="/news/">{esc(o.get('column', '新闻中心'))}</a></div>
  <div class="main">
    <div class="title_info"><h1>{esc(page.title)}</h1><div class="info">{page.byline}</div></div>
    <div class="article_content" id="text">
{render_blocks(page.blocks, centre='align="center"')}
    </div>
{page.after}
    <div class="share">分享到：<a href="#" class="weixin">微信</a> <a href="#" class="weibo">微博</a> <a href="/e/member/fava/add/?classid={o.get('classid', 2)}&amp;id={o.get('id', 1)}">收藏</a></div>
    <div class="prenext"><p>上一篇：<a href="{o.get('prev_href', '#')}">{esc(o.get('prev', '没有了'))}</a></p><p>下一篇：<a href="{o.get('next_href', '#')}">{esc(o.get('next', '没有了'))}</a></p></div>
    <div class="related"><h3>相关文章</h3><ul>{related}</ul></div>
  </div>
</div>
<div class="footer"><div class="wrap"><p>Copyright &copy; {esc(page.site)} <a href="https://beian.miit.gov.cn/">{o.get('icp', '京ICP备08001234号')}</a></p><p>Powered by <a href="http://www.phome.net">帝国网站管理系统</a></p></div></div>
</body>
</html>
"""


@furniture("首頁", "首页", "網站導覽", "网站导航", "列印", "打印", "回上頁", "返回", "分享", "版權所有", "版权所有", "瀏覽人次", "浏览次数", "最新消息", "相关阅读", "ICP")
def zh_portal(page: Page) -> str:
    """A plain government portal (Taiwan, Macao, provincial offices): a table-free
    layout with a home-made CMS, labels in the page's own script."""
    o = page.options
    labels = o.get("labels", {})
    sidebar = dated_list(o.get("latest", []), '<li><a href="{href}">{text}</a><em>{date}</em></li>')
    return f"""<!DOCTYPE html>
<html{lang_attr(page)}>
<head>
{charset_meta(page)}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(page.title_tag or page.site + '-' + page.title)}</title>
<meta name="DC.Title" content="{esc(page.title)}">
<meta name="DC.Publisher" content="{esc(page.site)}">
{page.head}
<link rel="stylesheet" href="/css/style.css">
</head>
<body>
<a href="#C" class="acc" title="{esc(labels.get('skip', '跳到主要內容'))}">:::</a>
<div id="header"><div class="logo"><a href="/"><img src="/images/logo.png" alt="{esc(page.site)}" width="260" height="70"></a></div>
<ul class="topmenu"><li><a href="/">{esc(labels.get('home', '首頁'))}</a></li><li><a href="/sitemap.html">{esc(labels.get('sitemap', '網站導覽'))}</a></li><li><a href="/en/">English</a></li></ul>
<ul class="mainmenu"><li><a href="/news/">{esc(labels.get('news', '最新消息'))}</a></li><li><a href="/about/">{esc(labels.get('about', '機關介紹'))}</a></li><li><a href="/service/">{esc(labels.get('service', '便民服務'))}</a></li></ul></div>
<div id="container">
  <div id="path"><a href="/">{esc(labels.get('home', '首頁'))}</a> &gt; <a href="/news/">{esc(labels.get('news', '最新消息'))}</a></div>
  <div id="content"><a name="C" id="C" accesskey="C">:::</a>
    <div class="news-detail">
      <h2 class="news-title">{esc(page.title)}</h2>
      <ul class="news-info">{page.byline}</ul>
      <div class="news-content">
{render_blocks(page.blocks, centre='style="text-align:center"')}
      </div>
{page.after}
      <div class="news-tools"><a href="javascript:window.print();">{esc(labels.get('print', '列印'))}</a> | <a href="javascript:history.back();">{esc(labels.get('back', '回上頁'))}</a> | <a href="#" class="share-fb">{esc(labels.get('share', '分享'))}</a></div>
    </div>
  </div>
  <div id="sidebar"><h3>{esc(labels.get('latest', '最新消息'))}</h3><ul>{sidebar}</ul></div>
</div>
<div id="footer"><p>{esc(o.get('footer', page.site + ' 版權所有'))}</p><p>{esc(labels.get('visits', '瀏覽人次'))}：{o.get('visits', '1234567')}</p></div>
</body>
</html>
"""


WP_LABELS = {
    "ru": {"skip": "Перейти к содержимому", "home": "Главная", "news": "Новости", "about": "О нас", "docs": "Документы", "posted": "Опубликовано", "by": "Автор:", "cats": "Рубрика:", "share": "Поделиться:", "nav": "Навигация по записям", "prev": "Предыдущая запись", "next": "Следующая запись", "recent": "Свежие записи", "search": "Поиск", "footer": "Все права защищены.", "cookie": "Мы используем файлы cookie, чтобы сайт работал лучше.", "ok": "Принять"},
    "en": {"skip": "Skip to content", "home": "Home", "news": "News", "about": "About us", "docs": "Documents", "posted": "Posted on", "by": "by", "cats": "Posted in", "share": "Share this:", "nav": "Post navigation", "prev": "Previous post", "next": "Next post", "recent": "Recent Posts", "search": "Search", "footer": "All rights reserved.", "cookie": "This website uses cookies to improve your experience.", "ok": "Accept"},
}


@furniture("Skip to content", "Перейти к содержимому", "Share this", "Поделиться", "Previous post", "Next post", "Предыдущая запись", "Следующая запись", "Recent Posts", "Свежие записи", "All rights reserved", "Все права защищены", "cookie", "Posted in", "Рубрика", "Навигация по записям", "Post navigation")
def wordpress(page: Page) -> str:
    o = page.options
    t = WP_LABELS[o.get("ui", "en")]
    recent = links(o.get("recent", []))
    return f"""<!doctype html>
<html{lang_attr(page)}>
<head>
{charset_meta(page, 'html5')}
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="profile" href="https://gmpg.org/xfn/11">
<title>{esc(page.title_tag or page.title + ' &#8211; ' + page.site)}</title>
<meta name='robots' content='max-image-preview:large' />
<link rel="alternate" type="application/rss+xml" title="{esc(page.site)} &raquo; Feed" href="{o.get('home', '/')}feed/" />
{page.head}
<link rel='stylesheet' id='wp-block-library-css' href='{o.get('home', '/')}wp-includes/css/dist/block-library/style.min.css?ver=6.4.2' media='all' />
<meta name="generator" content="WordPress 6.4.2" />
</head>
<body class="post-template-default single single-post postid-{o.get('id', 100)} single-format-standard">
<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#primary">{t['skip']}</a>
<header id="masthead" class="site-header">
  <div class="site-branding"><a href="{o.get('home', '/')}" class="custom-logo-link" rel="home"><img width="200" height="64" src="{o.get('home', '/')}wp-content/uploads/logo.png" class="custom-logo" alt="{esc(page.site)}" decoding="async" /></a>
  <p class="site-title"><a href="{o.get('home', '/')}" rel="home">{esc(page.site)}</a></p></div>
  <nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu"><li><a href="{o.get('home', '/')}">{t['home']}</a></li><li><a href="{o.get('home', '/')}news/">{t['news']}</a></li><li><a href="{o.get('home', '/')}about/">{t['about']}</a></li><li><a href="{o.get('home', '/')}documents/">{t['docs']}</a></li></ul></nav>
</header>
<main id="primary" class="site-main">
<article id="post-{o.get('id', 100)}" class="post-{o.get('id', 100)} post type-post status-publish format-standard hentry category-news">
  <header class="entry-header">
    <h1 class="entry-title">{esc(page.title)}</h1>
    <div class="entry-meta">{page.byline}</div>
  </header>
  <div class="entry-content">
{render_blocks(page.blocks, centre='class="has-text-align-center"')}
{page.after}
    <div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social"><h3 class="sd-title">{t['share']}</h3><div class="sd-content"><ul><li class="share-telegram"><a href="#" class="share-telegram sd-button" title="Telegram"><span>Telegram</span></a></li><li class="share-facebook"><a href="#" class="share-facebook sd-button" title="Facebook"><span>Facebook</span></a></li></ul></div></div></div>
  </div>
  <footer class="entry-footer"><span class="cat-links">{t['cats']} <a href="{o.get('home', '/')}category/news/" rel="category tag">{t['news']}</a></span></footer>
</article>
<nav class="navigation post-navigation" aria-label="{t['nav']}"><h2 class="screen-reader-text">{t['nav']}</h2><div class="nav-links"><div class="nav-previous"><a href="{o.get('prev_href', '#')}" rel="prev"><span class="nav-subtitle">{t['prev']}:</span> <span class="nav-title">{esc(o.get('prev', ''))}</span></a></div><div class="nav-next"><a href="{o.get('next_href', '#')}" rel="next"><span class="nav-subtitle">{t['next']}:</span> <span class="nav-title">{esc(o.get('next', ''))}</span></a></div></div></nav>
</main>
<aside id="secondary" class="widget-area"><section id="search-2" class="widget widget_search"><form role="search" method="get" class="search-form" action="{o.get('home', '/')}"><label><span class="screen-reader-text">{t['search']}</span><input type="search" class="search-field" name="s" /></label><input type="submit" class="search-submit" value="{t['search']}" /></form></section>
<section id="recent-posts-2" class="widget widget_recent_entries"><h2 class="widget-title">{t['recent']}</h2><ul>{recent}</ul></section></aside>
<footer id="colophon" class="site-footer"><div class="site-info">&copy; {o.get('year', 2024)} {esc(page.site)}. {t['footer']}</div></footer>
</div>
<div id="cookie-law-info-bar" data-nosnippet="true"><span>{t['cookie']} <a role='button' class="cli_action_button cli-accept-button" data-cli_action="accept">{t['ok']}</a></span></div>
<img src="{o.get('pixel', 'https://pixel.wp.example/g.gif?blog=1&post=100')}" alt=":)" width="6" height="5" id="wpstats" />
</body>
</html>
"""


@furniture("Главная", "Версия для печати", "Поделиться", "Назад к списку", "Все права защищены", "Другие новости", "Просмотров", "Карта сайта", "cookie")
def bitrix(page: Page) -> str:
    o = page.options
    others = dated_list(o.get("others", []), '<div class="news-item"><span class="news-date-time">{date}</span><a href="{href}">{text}</a></div>')
    return f"""<!DOCTYPE html>
<html{lang_attr(page)}>
<head>
{charset_meta(page)}
<title>{esc(page.title_tag or page.title + ' | ' + page.site)}</title>
<meta name="robots" content="index, follow" />
<meta name="description" content="{esc(o.get('description', ''))}" />
<meta property="og:type" content="article" />
<meta property="og:site_name" content="{esc(page.site)}" />
<meta property="og:title" content="{esc(page.title)}" />
{page.head}
<link href="/bitrix/cache/css/s1/gov/template_3b2c.css?1690000000" type="text/css" rel="stylesheet" />
<script type="text/javascript">if(!window.BX)window.BX={{}};if(!window.BX.message)window.BX.message=function(mess){{if(typeof mess==='object'){{for(let i in mess) {{BX.message[i]=mess[i];}} return true;}}}};</script>
</head>
<body>
<div id="panel"></div>
<div class="page-wrapper">
<header class="header">
  <div class="header__top"><a class="header__logo" href="/"><img src="/local/templates/gov/images/emblem.svg" alt="{esc(page.site)}" width="60" height="60" /><span>{esc(page.site)}</span></a>
  <div class="header__search"><form action="/search/"><input type="text" name="q" placeholder="Поиск по сайту" /><button type="submit">Найти</button></form></div>
  <div class="header__special"><a href="?special_version=Y">Версия для слабовидящих</a></div></div>
  <nav class="main-menu"><ul><li><a href="/">Главная</a></li><li><a href="/about/">О ведомстве</a></li><li class="selected"><a href="/press/">Пресс-центр</a></li><li><a href="/activity/">Деятельность</a></li><li><a href="/contacts/">Контакты</a></li></ul></nav>
</header>
<div class="breadcrumbs" itemscope itemtype="http://schema.org/BreadcrumbList"><a href="/" itemprop="item">Главная</a> <span>/</span> <a href="/press/" itemprop="item">Пресс-центр</a> <span>/</span> <a href="/press/news/" itemprop="item">Новости</a></div>
<div class="content-wrapper">
  <div class="news-detail">
    <h1 class="news-detail__title">{esc(page.title)}</h1>
    <div class="news-detail__meta">{page.byline}</div>
    <div class="news-detail__text">
{render_blocks(page.blocks)}
{page.after}
    </div>
    <div class="news-detail__footer">
      <a href="?print=Y" class="print-link" rel="nofollow">Версия для печати</a>
      <div class="share-block"><span>Поделиться:</span> <a href="#" class="vk">ВКонтакте</a> <a href="#" class="tg">Telegram</a> <a href="#" class="ok">Одноклассники</a></div>
    </div>
    <p><a href="/press/news/">Назад к списку</a></p>
  </div>
  <div class="sidebar"><div class="sidebar__title">Другие новости</div>{others}</div>
</div>
<footer class="footer"><div class="footer__copy">© {o.get('year', 2023)} {esc(page.site)}. Все права защищены.</div><div class="footer__links"><a href="/sitemap/">Карта сайта</a> <a href="/contacts/">Контакты</a></div>
<div class="footer__counter"><img src="https://top-fwz1.mail.example/counter?id=3312345;js=na" style="position:absolute;left:-9999px;" alt="Top.Mail.Ru" /></div></footer>
</div>
<div class="cookie-notice" id="cookie-notice">Продолжая пользоваться сайтом, вы соглашаетесь на использование файлов cookie. <button class="cookie-notice__btn">Согласен</button></div>
</body>
</html>
"""


@furniture("Главная", "Просмотров", "Похожие статьи", "Назад", "Вперёд", "Подробности", "Все права защищены", "Joomla")
def joomla(page: Page) -> str:
    o = page.options
    similar = links(o.get("similar", []))
    return f"""<!DOCTYPE html>
<html{lang_attr(page)} dir="ltr">
<head>
{charset_meta(page)}
<meta name="viewport" content="width=device-width, initial-scale=1.0" />
<base href="{o.get('base', page.url)}" />
<meta name="author" content="{esc(o.get('meta_author', ''))}" />
<meta name="generator" content="Joomla! - Open Source Content Management" />
<title>{esc(page.title_tag or page.title + ' - ' + page.site)}</title>
{page.head}
<link href="/templates/protostar/css/template.css?e3a2b1" rel="stylesheet" />
<script src="/media/jui/js/jquery.min.js?e3a2b1"></script>
</head>
<body class="site com_content view-article no-layout no-task itemid-{o.get('itemid', 101)}">
<div class="body" id="top"><div class="container">
<header class="header" role="banner"><div class="header-inner clearfix"><a class="brand pull-left" href="/"><img src="/images/logo/gerb.png" alt="{esc(page.site)}" /><div class="site-description">{esc(o.get('tagline', ''))}</div></a></div></header>
<nav class="navigation" role="navigation"><ul class="nav menu nav-pills mod-list"><li class="item-101"><a href="/">Главная</a></li><li class="item-102 current active"><a href="/novosti">Новости</a></li><li class="item-103"><a href="/dokumenty">Документы</a></li><li class="item-104"><a href="/kontakty">Контакты</a></li></ul></nav>
<div class="row-fluid">
<main id="content" role="main" class="span9">
<ul itemscope itemtype="https://schema.org/BreadcrumbList" class="breadcrumb"><li>Вы здесь: &#160;</li><li><a itemprop="item" href="/" class="pathway">Главная</a><span class="divider">/</span></li><li><a itemprop="item" href="/novosti" class="pathway">Новости</a></li></ul>
<div class="item-page" itemscope itemtype="https://schema.org/Article">
  <meta itemprop="inLanguage" content="ru-RU" />
  <div class="page-header"><h2 itemprop="headline">{esc(page.title)}</h2></div>
  <dl class="article-info muted">
    <dt class="article-info-term">Подробности</dt>
{page.byline}
  </dl>
  <div itemprop="articleBody">
{render_blocks(page.blocks)}
{page.after}
  </div>
  <ul class="pager pagenav"><li class="previous"><a class="hasTooltip" title="{esc(o.get('prev', ''))}" href="{o.get('prev_href', '#')}" rel="prev"><span class="icon-chevron-left" aria-hidden="true"></span> <span aria-hidden="true">Назад</span></a></li><li class="next"><a class="hasTooltip" title="{esc(o.get('next', ''))}" href="{o.get('next_href', '#')}" rel="next"><span aria-hidden="true">Вперёд</span> <span class="icon-chevron-right" aria-hidden="true"></span></a></li></ul>
</div>
</main>
<div id="aside" class="span3"><div class="well"><h3 class="page-header">Похожие статьи</h3><ul class="relateditems mod-list">{similar}</ul></div></div>
</div></div></div>
<footer class="footer" role="contentinfo"><div class="container"><hr /><p class="pull-right"><a href="#top" id="back-top">Наверх</a></p><p>&copy; {o.get('year', 2021)} {esc(page.site)}. Все права защищены.</p></div></footer>
</body>
</html>
"""


@furniture("Skip to main content", "Share", "Related content", "Main navigation", "cookies", "Accept", "Breadcrumb", "Back to top", "Subscribe")
def drupal(page: Page) -> str:
    o = page.options
    related = dated_list(o.get("related", []), '<div class="views-row"><span class="date">{date}</span> <a href="{href}">{text}</a></div>')
    return f"""<!DOCTYPE html>
<html{lang_attr(page)} dir="ltr" prefix="og: https://ogp.me/ns#">
<head>
{charset_meta(page, 'html5')}
<meta name="viewport" content="width=device-width, initial-scale=1.0" />
<link rel="canonical" href="{page.url}" />
<meta name="Generator" content="Drupal 10 (https://www.drupal.org)" />
<title>{esc(page.title_tag or page.title + ' | ' + page.site)}</title>
{page.head}
<link rel="stylesheet" media="all" href="/sites/default/files/css/css_Xk2.css" />
</head>
<body class="path-node page-node-type-{o.get('type', 'news')}">
<a href="#main-content" class="visually-hidden focusable skip-link">Skip to main content</a>
<div class="dialog-off-canvas-main-canvas" data-off-canvas-main-canvas>
<header role="banner" class="site-header">
  <div class="region region-header"><a href="/" rel="home" class="site-logo"><img src="/themes/custom/gov/logo.svg" alt="Home" width="180" height="60" /></a><div class="site-name"><a href="/" rel="home">{esc(page.site)}</a></div></div>
  <nav role="navigation" aria-labelledby="block-main-menu" class="block-menu"><h2 class="visually-hidden" id="block-main-menu">Main navigation</h2><ul class="menu"><li><a href="/">Home</a></li><li><a href="/news">Newsroom</a></li><li><a href="/about">About</a></li><li><a href="/contact">Contact</a></li></ul></nav>
</header>
<div class="region region-breadcrumb"><nav class="breadcrumb" role="navigation" aria-labelledby="system-breadcrumb"><h2 id="system-breadcrumb" class="visually-hidden">Breadcrumb</h2><ol><li><a href="/">Home</a></li><li><a href="/news">Newsroom</a></li></ol></nav></div>
<main role="main"><a id="main-content" tabindex="-1"></a>
<div class="layout-content">
<article role="article" class="node node--type-{o.get('type', 'news')} node--view-mode-full">
  <h1 class="page-title"><span class="field field--name-title field--type-string">{esc(page.title)}</span></h1>
  <div class="node__meta">{page.byline}</div>
  <div class="node__content">
    <div class="clearfix text-formatted field field--name-body field--type-text-with-summary field--label-hidden field__item">
{render_blocks(page.blocks, centre='class="text-align-center"')}
    </div>
{page.after}
  </div>
  <div class="social-share"><span class="social-share__label">Share</span> <a href="#" class="twitter">X</a> <a href="#" class="facebook">Facebook</a> <a href="#" class="linkedin">LinkedIn</a> <a href="#" class="email">Email</a></div>
</article>
</div>
<aside class="layout-sidebar-second" role="complementary"><div class="views-element-container"><h2>Related content</h2>{related}</div>
<div class="block-newsletter"><h2>Subscribe</h2><p>Get our press releases by email.</p><form><input type="email" /><button>Subscribe</button></form></div></aside>
</main>
<footer role="contentinfo" class="site-footer"><p>&copy; {o.get('year', 2023)} {esc(page.site)}</p><p><a href="#top">Back to top</a></p></footer>
</div>
<div id="sliding-popup" class="sliding-popup-bottom"><div class="eu-cookie-compliance-banner"><div class="popup-content info"><div id="popup-text"><p>We use cookies on this site to enhance your user experience.</p></div><div id="popup-buttons"><button type="button" class="agree-button eu-cookie-compliance-default-button">Accept</button></div></div></div></div>
</body>
</html>
"""


PORTAL_LABELS = {
    "kk": {"home": "Басты бет", "news": "Жаңалықтар", "about": "Министрлік туралы", "contacts": "Байланыс", "share": "Бөлісу", "print": "Басып шығару", "latest": "Соңғы жаңалықтар", "views": "Қаралды", "all": "Барлық жаңалықтар", "rights": "Барлық құқықтар қорғалған.", "search": "Іздеу"},
    "uz": {"home": "Bosh sahifa", "news": "Yangiliklar", "about": "Vazirlik haqida", "contacts": "Aloqa", "share": "Ulashish", "print": "Chop etish", "latest": "Soʻnggi yangiliklar", "views": "Koʻrishlar soni", "all": "Barcha yangiliklar", "rights": "Barcha huquqlar himoyalangan.", "search": "Qidiruv"},
    "uz-Cyrl": {"home": "Бош саҳифа", "news": "Янгиликлар", "about": "Вазирлик ҳақида", "contacts": "Алоқа", "share": "Улашиш", "print": "Чоп этиш", "latest": "Сўнгги янгиликлар", "views": "Кўришлар сони", "all": "Барча янгиликлар", "rights": "Барча ҳуқуқлар ҳимояланган.", "search": "Қидирув"},
    "ky": {"home": "Башкы бет", "news": "Жаңылыктар", "about": "Министрлик жөнүндө", "contacts": "Байланыш", "share": "Бөлүшүү", "print": "Басып чыгаруу", "latest": "Акыркы жаңылыктар", "views": "Көрүүлөр", "all": "Бардык жаңылыктар", "rights": "Бардык укуктар корголгон.", "search": "Издөө"},
    "ru": {"home": "Главная", "news": "Новости", "about": "О министерстве", "contacts": "Контакты", "share": "Поделиться", "print": "Версия для печати", "latest": "Последние новости", "views": "Просмотров", "all": "Все новости", "rights": "Все права защищены.", "search": "Поиск"},
}


@furniture("Бөлісу", "Басып шығару", "Соңғы жаңалықтар", "Барлық жаңалықтар", "Қаралды", "Ulashish", "Chop etish", "Soʻnggi yangiliklar", "Barcha yangiliklar", "Koʻrishlar", "Улашиш", "Чоп этиш", "Сўнгги янгиликлар", "Барча янгиликлар", "Кўришлар", "Бөлүшүү", "Басып чыгаруу", "Акыркы жаңылыктар", "Бардык жаңылыктар", "Көрүүлөр", "Поделиться", "Последние новости", "Все новости", "Просмотров", "құқықтар", "huquqlar", "ҳуқуқлар", "укуктар", "Все права")
def gov_portal(page: Page) -> str:
    """A modern national government portal (gov.kz, gov.uz, gov.kg style), one per language."""
    o = page.options
    t = PORTAL_LABELS[o.get("ui", "ru")]
    latest = dated_list(o.get("latest", []), '<li class="news-list__item"><a href="{href}">{text}</a><time>{date}</time></li>')
    langs = "".join(f'<a href="/{code}/" class="lang-switch__item">{name}</a>' for code, name in o.get("langs", [("ru", "Рус"), ("en", "Eng")]))
    return f"""<!DOCTYPE html>
<html{lang_attr(page)}>
<head>
{charset_meta(page, 'html5')}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(page.title_tag or page.title + ' - ' + page.site)}</title>
<meta property="og:title" content="{esc(page.title)}">
<meta property="og:type" content="article">
{page.head}
<link rel="stylesheet" href="/static/css/app.8c1f2e.css">
</head>
<body>
<div class="top-bar"><div class="container"><div class="lang-switch">{langs}</div><a href="?eye=1" class="eye-version">A A</a></div></div>
<header class="header"><div class="container"><a href="/" class="header__logo"><img src="/static/img/gerb.svg" alt="{esc(page.site)}" width="64" height="64"><span class="header__title">{esc(page.site)}</span></a>
<form class="header__search" action="/search"><input type="search" name="q" placeholder="{t['search']}"></form></div>
<nav class="menu"><div class="container"><a href="/">{t['home']}</a><a href="/news/">{t['news']}</a><a href="/about/">{t['about']}</a><a href="/contacts/">{t['contacts']}</a></div></nav></header>
<div class="container page">
  <ol class="breadcrumbs"><li><a href="/">{t['home']}</a></li><li><a href="/news/">{t['news']}</a></li></ol>
  <div class="row">
    <div class="col-md-8">
      <article class="article">
        <h1 class="article__title">{esc(page.title)}</h1>
        <div class="article__info">{page.byline}</div>
        <div class="article__body">
{render_blocks(page.blocks, centre='style="text-align: center;"')}
{page.after}
        </div>
        <div class="article__footer"><div class="share"><span class="share__title">{t['share']}:</span><a href="#" class="share__link share__link--tg">Telegram</a><a href="#" class="share__link share__link--fb">Facebook</a></div><a href="javascript:window.print()" class="print">{t['print']}</a></div>
      </article>
    </div>
    <aside class="col-md-4 sidebar"><h3 class="sidebar__title">{t['latest']}</h3><ul class="news-list">{latest}</ul><a href="/news/" class="sidebar__more">{t['all']}</a></aside>
  </div>
</div>
<footer class="footer"><div class="container"><p>© {o.get('year', 2024)} {esc(page.site)}. {t['rights']}</p><img src="https://counter.gov.example/hit?id={o.get('counter', 77)}" width="1" height="1" alt=""></div></footer>
</body>
</html>
"""


@furniture("Главная", "Все новости", "Copyright", "Все права защищены", "Документы", "Контакты")
def static_old(page: Page) -> str:
    """A hand-written site of the 2000s: tables, <font>, upper-case tags."""
    o = page.options
    return f"""<HTML>
<HEAD>
{charset_meta(page)}
<TITLE>{esc(page.title_tag or page.site + ' :: ' + page.title)}</TITLE>
{page.head}
</HEAD>
<BODY BGCOLOR="#FFFFFF" TEXT="#000000" LINK="#003399" TOPMARGIN="0" LEFTMARGIN="0">
<TABLE WIDTH="100%" BORDER="0" CELLPADDING="0" CELLSPACING="0">
<TR><TD COLSPAN="2" BGCOLOR="#003366"><IMG SRC="/img/head.gif" WIDTH="760" HEIGHT="80" ALT="{esc(page.site)}"></TD></TR>
<TR>
<TD WIDTH="170" VALIGN="top" BGCOLOR="#EEEEEE">
  <P><A HREF="/">Главная</A><BR><A HREF="/news/">Новости</A><BR><A HREF="/docs/">Документы</A><BR><A HREF="/consul/">Консульские вопросы</A><BR><A HREF="/contacts/">Контакты</A></P>
  <P><IMG SRC="/img/pixel.gif" WIDTH="1" HEIGHT="1"></P>
</TD>
<TD VALIGN="top" STYLE="padding: 10px">
  <H2>{esc(page.title)}</H2>
  {page.byline}
{render_blocks(page.blocks, paragraph='<P ALIGN="justify">{}</P>', centre='ALIGN="center"')}
{page.after}
  <P><A HREF="/news/">&lt;&lt; Все новости</A></P>
</TD>
</TR>
<TR><TD COLSPAN="2" ALIGN="center"><FONT SIZE="1">Copyright &copy; {o.get('years', '2002-2021')} {esc(page.site)}. Все права защищены.</FONT><BR>
<A HREF="https://www.liveinternet.example/click" TARGET="_blank"><IMG SRC="https://counter.liveinternet.example/?t44.6;r" ALT="" BORDER="0" WIDTH="31" HEIGHT="31"></A></TD></TR>
</TABLE>
</BODY>
</HTML>
"""
