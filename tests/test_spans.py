"""The short answer inside a sentence, and questions about the report itself (issue 12).

The sentences are the reports' own (Kaizhou 2026 and the national reports of several years); the
questions are phrased as people ask them, each a different construction of the genre's Chinese.
"""

from __future__ import annotations

import pytest

from rag.chunking import chunk
from rag.documents import parse_document
from rag.front import asks_about_report, front_answer, front_matter
from rag.spans import aligned_spans, ask_kind, lacks_kind, names_whom_asked, short_span

from .conftest import REPORT, reports_dir


@pytest.mark.parametrize("question,sentence,answer", [
    # a party congress by its ordinal; a plan's name through the document word that closes it
    ("今年要召开的是哪一次党的全国代表大会？", "我们要以优异成绩迎接中国共产党第十九次全国代表大会胜利召开。", "中国共产党第十九次全国代表大会"),
    ("今年要出台实施什么规划？", "出台实施粤港澳大湾区发展规划纲要，全面推进内地同香港、澳门互利合作。", "粤港澳大湾区发展规划纲要"),
    # what the question sets aside leaves the list it is a member of
    ("农村人居环境整治里，除了垃圾收集处理还要推进什么？", "稳步开展农村人居环境整治三年行动，推进“厕所革命”和垃圾收集处理。", "厕所革命"),
    # "是什么样的年份": what the year is for the plan or the congress it follows (national 2013, 2016)
    ("对贯彻落实十八大精神来说，2013年是个什么样的年份？", "2013年是全面贯彻落实党的十八大精神的开局之年，是实施“十二五”规划承前启后的关键一年。",
     "开局之年"),
    ("2016年对于全面建成小康社会决胜阶段来说是什么年份？", "今年是全面建成小康社会决胜阶段的开局之年，也是推进结构性改革的攻坚之年。",
     "开局之年"),
    # a modifier jieba mis-tags (多边/r, 重大/a) is no word the kind must hold: 会议 is the kind
    ("今年我国要办好哪个主场多边会议？", "办好亚太经合组织领导人非正式会议。", "亚太经合组织领导人非正式会议"),
    ("2016年中国要主办什么重大国际峰会？", "主办二十国集团领导人峰会，推动全球经济治理。", "二十国集团领导人峰会"),
    # "…是哪一届": the event with its ordinal; praise before 的 is no part of it
    ("去年节俭举办的全国性综合运动会是哪一届？", "完善全民健身服务体系，成功节俭举办第十二届全国运动会。", "第十二届全国运动会"),
    ("过去五年成功举办的冬季奥运会是哪一届？", "成功举办了简约、安全、精彩的北京冬奥会、冬残奥会，为促进群众性冰雪运动作出贡献。",
     "北京冬奥会"),
    # a preposition and the question's closing verb frame the answer (with the report's light verb between)
    ("今年政府要对哪方面开展全面审计？", "今年要对土地出让金收支和耕地保护情况进行全面审计。", "土地出让金收支和耕地保护情况"),
    ("师范生免费教育是在哪类学校实行的？", "义务教育学校实施绩效工资，在教育部直属师范大学实行师范生免费教育。", "教育部直属师范大学"),
    ("公务员职务与职级并行制度今年在哪一级机关建立？", "在县以下机关建立公务员职务和职级并行制度。", "县以下机关"),
    # the members of a numbered whole the question names: as many as it counts, right before it
    ("报告说中国经济面临的“三重压力”具体是哪三个？", "我国经济发展面临需求收缩、供给冲击、预期转弱三重压力。", "需求收缩、供给冲击、预期转弱"),
    ("报告说的三大攻坚战具体是哪三个？", "特别在打好防范化解重大风险、精准脱贫、污染防治的攻坚战方面取得扎实进展。",
     "防范化解重大风险、精准脱贫、污染防治"),
    ("宅基地“三权分置”改革探索的是哪三权？", "探索宅基地所有权、资格权、使用权分置改革。", "所有权、资格权、使用权"),
    ("外贸出口说的“新三样”具体是哪三样？", "电动汽车、锂电池、光伏产品“新三样”出口增长近30%。", "电动汽车、锂电池、光伏产品"),
    # what the question sets aside, by the report's short form of it, is not its answer (北交所 ~ 北京证券交易所)
    ("2021年除了北交所，还新设了哪家交易所？", "设立北京证券交易所和广州期货交易所。", "广州期货交易所"),
    # a version asked: the version number the sentence writes (national 2024)
    ("中国－东盟自贸区谈判今年要推进到哪个版本？", "推进中国－东盟自贸区3.0版谈判，推动加入《数字经济伙伴关系协定》。", "3.0版"),
    ("Which version of the China-ASEAN Free Trade Area negotiations will China push forward?",
     "推进中国－东盟自贸区3.0版谈判，推动加入《数字经济伙伴关系协定》。", "3.0版"),
    # "推行了什么制度" does not count what it asks: the list of them is the answer (哪个 asks for one)
    ("河湖管理方面，过去五年推行了什么制度？", "建立生态文明绩效考评和责任追究制度，推行河长制、湖长制。", "河长制、湖长制"),
    # a company's own name opens its clause before the question's words, with no 公司 to show it
    ("开州空天信息产业是靠哪家企业落地起步的？", "氦星光联成功落地,空天信息产业实现开篇布局。", "氦星光联"),
    # "第一次举办的展会": of a list, the member the report marks as the first
    ("2021年第一次举办的那个消费品展会是哪个？", "成功举办进博会、广交会、服贸会及首届消博会等重大展会。", "消博会"),
    # the question's own verb right before the end of a clause takes the name, whatever kind the report gives it
    ("去年跟拉美国家新启动了什么合作机制？", "成功举行中非合作论坛峰会、中欧领导人会晤，启动中拉论坛。", "中拉论坛"),
    ("过去五年我国发起创办了哪家多边开发银行？", "倡导和推动共建“一带一路”，发起创办亚投行，设立丝路基金。", "亚投行"),
    # the words before and after the wh-word stand on both sides of the answer
    ("去年云南哪些地方发生了较强地震？", "去年云南鲁甸、景谷等地发生较强地震，我们及时高效展开抗震救灾。", "鲁甸、景谷"),
    ("2014年全国要供应什么标准的车用柴油？", "推广新能源汽车，在全国供应国四标准车用柴油。", "国四标准"),
    # "什么X": the answer ends with the kind asked for, and begins after the question's verb
    ("碳达峰方面今年要制定什么方案？", "扎实做好碳达峰、碳中和各项工作。制定2030年前碳排放达峰行动方案。", "2030年前碳排放达峰行动方案"),
    ("过去五年实施了什么生育政策？", "实施三孩生育政策，完善生育支持政策。", "三孩生育政策"),
    ("对自由贸易试验区今年要实施什么战略？", "实施自由贸易试验区提升战略，扩大面向全球的高标准自由贸易区网络。", "自由贸易试验区提升战略"),
    ("走出去方面今年要推进哪两条经济走廊？", "推进孟中印缅、中巴经济走廊建设。", "孟中印缅、中巴经济走廊"),
    ("报告提出要构建哪些经济走廊？", "构建中巴、孟中印缅等经济走廊。", "中巴、孟中印缅"),
    ("政府鼓励大中型商业银行设立什么部门？", "鼓励大中型商业银行设立普惠金融事业部，国有大型银行要率先做到。", "普惠金融事业部"),
    # a subject question: "…的要害是什么", "…的行动叫什么", a name before the kind it is
    ("报告认为保障粮食安全的要害是什么？", "保障粮食安全的要害是种子和耕地。", "种子和耕地"),
    ("今年要实施的新一轮粮食产能行动叫什么？", "抓好油料生产，实施新一轮千亿斤粮食产能提升行动。", "新一轮千亿斤粮食产能提升行动"),
    ("开州要打造的人才工作品牌叫什么？", "打造“梧桐计划”人才工作品牌。", "梧桐计划"),
    ("为攻坚重大项目投资，开州准备组建一支叫什么的队伍？", "组建“崖柏突击队”攻坚重大项目,新签约项目100个。", "崖柏突击队"),
    ("去年正式通水的大型调水工程叫什么？", "经过多年努力，南水北调中线一期工程正式通水，惠及沿线亿万群众。", "南水北调中线一期工程"),
    # the question's verb is not the report's (延伸 ~ 拓展至), or no verb anchors and the kind does
    ("今年开州的生态空间计划向东延伸到哪里？", "纵深推进“城市向北”战略,推动生态空间向东拓展至白家溪。", "白家溪"),
    ("今年开州准备推动哪处遗址申报全国重点文物保护单位？", "推进温汤井盐业遗址国保申报、乌杨古刹修缮。", "温汤井盐业遗址"),
    # lists: every member of a plural question, the members before a counted kind, the kind's tail
    ("报告提出要加快培养哪两类医生？", "加快培养全科医生、儿科医生。", "全科医生、儿科医生"),
    ("我国经济发展面临哪三重压力？", "我国经济发展面临需求收缩、供给冲击、预期转弱三重压力。", "需求收缩、供给冲击、预期转弱"),
    ("去年签署了哪两个双边自贸协定？", "签署中韩、中澳自贸协定和中国－东盟自贸区升级议定书。", "中韩、中澳自贸协定"),
    # the members of a list before 等 and the kind (national 2013)
    ("报告提到哪几条高铁相继投入运营？", "新增铁路里程1.97万公里，其中高速铁路8951公里，京沪、京广、哈大等高铁和一批城际铁路相继投入运营。",
     "京沪、京广、哈大"),
    ("报告回顾中提到舟曲遭遇的是什么灾害？", "夺取抗击汶川特大地震、玉树强烈地震、舟曲特大山洪泥石流等严重自然灾害和灾后恢复重建重大胜利。",
     "特大山洪泥石流"),
    # the words the question says itself are not part of the answer (national 2018, 2022, Kaizhou)
    ("过去五年港澳方面哪座大桥全线贯通了？", "港珠澳大桥全线贯通，香港、澳门与内地合作日益深化。", "港珠澳大桥"),
    ("国家支持哪两个城市建设科技创新中心？", "支持北京、上海建设科技创新中心，新设14个国家自主创新示范区。", "北京、上海"),
    ("哪条江全面实施十年禁渔？", "长江十年禁渔全面实施。", "长江"),
    ("宅基地改革要探索哪三权分置？", "探索宅基地所有权、资格权、使用权分置改革。", "所有权、资格权、使用权"),
    ("开州和达州宣汉一起创成的全国首个跨省域基地是什么？", "与达州宣汉共同创成全国首个跨省域“两山”实践创新基地。",
     "“两山”实践创新基地"),
    # a preposition and the words after the wh-word frame the answer; 几 where the report writes a numeral
    ("行政问责制度以谁为重点？", "建立并切实执行以行政首长为重点的行政问责制度，努力提高行政效能。", "行政首长"),
    ("报告说粮食产量实现了几连增？", "粮食生产实现九连增。", "九连增"),
    ("去年投入商业运营的国产大飞机是哪个型号？", "国产大飞机C919投入商业运营，国产大型邮轮成功建造。", "C919"),
    ("今年增值税税率要简并到几档？", "将增值税税率由四档减至三档。", "三档"),
    ("生育方面实施的是几孩政策？", "实施三孩生育政策，完善生育支持政策。", "三孩生育政策"),
    ("2015年获得诺贝尔生理学或医学奖的中国科学家是谁？", "国产C919大型客机总装下线，屠呦呦获得诺贝尔生理学或医学奖。", "屠呦呦"),
    ("今年粮食方面要实施什么产能提升行动？", "稳定粮食播种面积，实施新一轮千亿斤粮食产能提升行动。", "新一轮千亿斤粮食产能提升行动"),
    ("推动哪个协定生效实施，建成了全球最大自由贸易区？", "推动区域全面经济伙伴关系协定（RCEP）生效实施，建成全球最大自由贸易区。",
     "RCEP"),
    # meetings and ranks as the genre writes them; a plan's quoted name with its kind
    ("今年工作要贯彻党的十九大和哪几次全会的精神？", "全面贯彻党的十九大和十九届二中、三中全会精神。", "十九届二中、三中全会"),
    ("过去五年举办的“一带一路”国际合作高峰论坛是第几届？", "成功举办首届“一带一路”国际合作高峰论坛、亚太经济合作组织领导人非正式会议。", "首届"),
    ("这五年圆满完成的是哪个五年规划？", "我们圆满完成“十一五”规划，顺利实施“十二五”规划。", "“十一五”规划"),
    ("今年在我国举办的是哪个领导人峰会？", "我国将主办二十国集团领导人峰会。", "二十国集团领导人峰会"),
    # a name as the genre writes it: one member for a question that asks for one, the places without the
    # kind they share, the one of the kind asked among two, no 党的 before a plenum, no 首届 before a name
    ("今年要精心筹办的冬季综合性体育赛事是什么？", "精心筹办北京冬奥会、冬残奥会等综合性体育赛事。", "北京冬奥会"),
    ("今年政府要认真开展的主题教育是什么？", "认真开展“不忘初心、牢记使命”主题教育。", "不忘初心、牢记使命"),
    ("2014年新设了哪几个自由贸易试验区？", "新设广东、天津、福建自由贸易试验区。", "广东、天津、福建"),
    ("2014年同中国的自贸区启动实施的是哪两个国家？", "中国与冰岛、瑞士自贸区启动实施，中韩、中澳自贸区完成实质性谈判。", "冰岛、瑞士"),
    ("2021年设立的期货交易所是哪家？", "设立北京证券交易所和广州期货交易所。", "广州期货交易所"),
    ("要推进建设的双城经济圈是哪个？", "推动成渝地区双城经济圈建设。", "成渝地区双城经济圈"),
    ("去年召开的是党的哪次全会？", "党的十九届六中全会审议通过。", "十九届六中全会"),
    ("我国运动员在哪届奥运会上勇创佳绩？", "体育健儿在东京奥运会、残奥会上勇创佳绩。", "东京奥运会"),
    ("Which import expo is China hosting for the first time this year?", "办好首届中国国际进口博览会。", "中国国际进口博览会"),
    ("Which new area is to be planned and built to high standards?", "高起点规划、高标准建设雄安新区。", "雄安新区"),
    ("Which free trade zone did China set up in 2013?", "设立中国上海自由贸易试验区，探索准入前国民待遇加负面清单的管理模式。",
     "中国上海自由贸易试验区"),
    # "…的是哪家企业": the one the sentence says did it, before the question's words; what the question
    # sets aside (除了…) is not the answer
    ("山区库区第一家在创业板上市的是哪家企业？", "紫建电子成为山区库区首家创业板上市公司,德凯实业建成市级重点实验室。", "紫建电子"),
    ("除了春橙之都，开州还拿到了哪个以特色食品命名的“中国之乡”称号？",
     "荣膺“中国春橙之都”“中国香肠之乡”称号。", "中国香肠之乡"),
    # national 2024, 2015, 2016: a list in apposition to a quoted name; a city before its event; a name
    # whose kind the question states; the words right before the question's own; a quoted name whole
    ("外贸“新三样”指的是哪些产品？", "推动外贸稳规模、优结构，电动汽车、锂电池、光伏产品“新三样”出口增长近30%。",
     "电动汽车、锂电池、光伏产品"),
    ("2023年大运会在哪个城市举办的？", "群众体育蓬勃开展，成都大运会、杭州亚运会和亚残运会成功举办。", "成都"),
    ("今年数字经济方面要开展的跟AI有关的行动叫什么？", "开展“人工智能+”行动，打造具有国际竞争力的数字产业集群。", "人工智能+"),
    ("去年举办的和中亚国家的主场峰会叫什么？", "成功举办中国－中亚峰会、第三届“一带一路”国际合作高峰论坛等重大主场外交活动。",
     "中国－中亚峰会"),
    ("2015年是哪个五年规划的收官之年？", "今年是“十二五”收官之年，做好“十三五”规划纲要编制工作。", "“十二五”"),
    ("去年翻沉的客轮叫什么名字？", "去年发生了“东方之星”号客轮翻沉事件。", "东方之星"),
    ("提高政务服务水平以什么为牵引？", "以推进“高效办成一件事”为牵引，提高政务服务水平。", "高效办成一件事"),
    ("今年“三北”工程要打好什么战役？", "打好“三北”工程三大标志性战役。", "三大标志性战役"),
    # the question's words after the wh-word close the clause with the name: they are its kind
    ("今年在政府系统要扎实开展什么学习教育？", "扎实开展党史学习教育。", "党史学习教育"),
    ("共建“一带一路”要推进什么新通道建设？", "推进西部陆海新通道建设。", "西部陆海新通道"),
    ("报告里今年要积极打造哪些新增长引擎？", "积极打造生物制造、商业航天、低空经济等新增长引擎。", "生物制造、商业航天、低空经济"),
    # a quotation that holds the kind asked is the whole name; a rank keeps its counter
    ("开州今年要组建一支什么名字的突击队？", "组建“崖柏突击队”攻坚重大项目，力争完成投资145亿元以上。", "崖柏突击队"),
    ("2013年在本届政府依法履职里算第几年？", "过去一年是本届政府依法履职的第一年，任务艰巨而繁重。", "第一年"),
    # a name the question's quoted words give is not the answer; the place a 到哪里 reaches is (至 for 到)
    ("开州“城市向北”战略里，生态空间要向东拓展到哪里？", "纵深推进“城市向北”战略，推动生态空间向东拓展至白家溪。", "白家溪"),
    # a subject question whose description follows the name: "X成为[description]"
    ("川渝首个省市级综合技术创新平台是哪一个？",
     "《推动川渝万达开地区统筹发展总体方案》落地实施，万达开技术创新中心成为川渝首个省市级综合技术创新平台。", "万达开技术创新中心"),
    # the report's verb for the question's (改成 ~ 改为, 举办 ~ 举行); the modal between is no word of the report
    ("工商登记改革里，企业年检制度要改成什么？", "由先证后照改为先照后证，由企业年检制度改为年报公示制度。", "年报公示制度"),
    ("今年在我国举办的是哪个领导人峰会？", "办好在我国举行的二十国集团领导人峰会，推动世界经济创新增长。", "二十国集团领导人峰会"),
    # a class the question names that the name need not end in (文件 ~ 纲要, 税种 ~ 营业税)
    ("去年在法治政府方面出台了什么文件？", "出台法治政府建设实施纲要。", "法治政府建设实施纲要"),
    ("营改增全面推开以后，哪个税种的征收历史结束了？", "分步骤全面推开营改增，结束了66年的营业税征收历史。", "营业税"),
    # one name before 等 and the kind; the year that opens a relative clause is no word of the sentence
    ("修订环境空气质量标准后新增了什么监测指标？", "修订环境空气质量标准，增加细颗粒物PM2.5等监测指标。", "细颗粒物PM2.5"),
    ("去年正式通水、惠及沿线亿万群众的是哪项调水工程？", "经过多年努力，南水北调中线一期工程正式通水，惠及沿线亿万群众。",
     "南水北调中线一期工程"),
    ("去年新成立的那家期货交易所叫什么？", "设立北京证券交易所和广州期货交易所。", "广州期货交易所"),
    # the frame 以…为 holds the whole phrase, its verb too (a quoted name alone where the verb opens it)
    ("今年政府工作以什么为中心？", "今年政府工作，要以提高经济增长质量和效益为中心，稳中求进。", "提高经济增长质量和效益"),
    # a quoted name right after the anchor, though the kind asked is not written
    ("工商登记方面要逐步实现什么证照改革？", "推进工商登记制度改革，逐步实现“三证合一”，清理规范中介服务。", "三证合一"),
    # "哪两个自治区": the members together; "组织好…": 好 completes the verb; "哪个协定的谈判": not 谈判
    ("今年迎来成立60周年的是哪两个自治区？", "办好广西壮族自治区、宁夏回族自治区成立60周年庆祝活动。",
     "广西壮族自治区、宁夏回族自治区"),
    ("今年哪个自治区迎来成立70周年，要组织庆祝活动？", "组织好内蒙古自治区成立70周年庆祝活动。", "内蒙古自治区"),
    ("报告提出要早日结束哪个协定的谈判？", "推动早日结束区域全面经济伙伴关系协定谈判。", "区域全面经济伙伴关系协定"),
    # names jieba reads as verbs (扫黑|除恶) or cannot read (昱宏玩具): the words since the clause's verb
    ("今年打黑的那个专项斗争叫什么？", "依法开展扫黑除恶专项斗争，严厉惩处涉黑涉恶等违法犯罪。", "扫黑除恶专项斗争"),
    ("西南地区首个潮玩产业园首批入驻了哪些头部企业？",
     "西南地区首个潮玩产业园正式揭牌，吸引昱宏玩具、华芯潮玩等头部企业首批入驻，总投资超10亿元。", "昱宏玩具、华芯潮玩"),
    # a name of the class asked that the question describes (首届), without what the question says (首届, 全称)
    ("2021年要办的首届大型展会是哪个？", "办好进博会、广交会、服贸会及首届中国国际消费品博览会等重大展会。", "中国国际消费品博览会"),
    ("今年要办的首届进口博览会全称叫什么？", "积极扩大进口，办好首届中国国际进口博览会，下调汽车等进口关税。", "中国国际进口博览会"),
    # "这几年" is a period, not the count asked; "什么经济方面的协议": the kind is 协议, 经济方面 describes it
    ("这几年粮食产量创下了几连增？", "粮食产量实现“九连增”；", "九连增"),
    ("过去五年大陆和台湾签了什么经济方面的协议？", "两岸直接双向“三通”全面实现，签署实施两岸经济合作框架协议，形成两岸全方位交往格局。",
     "两岸经济合作框架协议"),
    # "以什么为主": the frame's verb is no kind; a verb that opens the name is no part of it
    ("对外投资管理今年要改为以什么为主？", "对外投资管理改为以备案制为主，大幅下放审批权限。", "备案制"),
    ("取代企业年检的是什么制度？", "由先证后照改为先照后证，由企业年检制度改为年报公示制度。", "年报公示制度"),
    # the verbs that act on a name (提请修订) are no part of it
    ("2015年报告提出要提请修订的税收方面的法律是哪部？", "提请修订税收征管法。", "税收征管法"),
    # "哪个说法", "什么措施": kinds no name ends in, so a quoted phrase of any wording answers
    ("2013年粮食连年丰收，报告用的是哪个说法？", "粮食产量超过1.2万亿斤，实现“十连增”。", "十连增"),
    # English: a plural kind takes the whole list; "who" a person's name
    ("Which two autonomous regions mark their 60th founding anniversary in 2018?",
     "隆重庆祝改革开放40周年，办好广西壮族自治区、宁夏回族自治区成立60周年庆祝活动。", "广西壮族自治区、宁夏回族自治区"),
    ("Who is named as General Secretary of the Party Central Committee?",
     "让我们更加紧密地团结在以习近平同志为总书记的党中央周围。", "习近平"),
    # a verb that acts on the name (修订, 早日结束, 落实) opens no name
    ("去年国务院提请人大常委会制定修订的法律里，报告点名的是哪一部？",
     "提请全国人大常委会审议法律议案11件，修订食品安全法。", "食品安全法"),
    ("Which regional trade agreement negotiations does China want to conclude soon?",
     "早日结束区域全面经济伙伴关系协定谈判。", "区域全面经济伙伴关系协定"),
    # a description made of a verb or an idiom before 的 is no part of the name
    ("2016年中国作为东道主要办好的是哪个峰会？", "办好在我国举行的二十国集团领导人峰会。", "二十国集团领导人峰会"),
    # a rank without its own counter keeps the noun the question counts (第几支柱 ~ 第三支柱); 首批 is not the name
    ("报告提到要继续规范发展第几支柱养老保险？", "继续规范发展第三支柱养老保险。", "第三支柱"),
    ("2020年首批组建成功的是什么科研机构？", "首批国家实验室成功组建。", "国家实验室"),
    # a policy's words asked by the generic kind they share (方针, 方向): all of them, less the kind; a name of its
    # own keeps it (和平共处五项原则)
    ("完善社会保障制度要坚持什么方针？", "坚持全覆盖、保基本、多层次、可持续方针，以增强公平性为重点。", "全覆盖、保基本、多层次、可持续"),
    ("增值税税率调整按照什么方向进行？", "按照三档并两档方向，调整增值税税率。", "三档并两档"),
    ("2014年是什么原则提出六十周年？", "今年是和平共处五项原则提出六十周年。", "和平共处五项原则"),
    # a one-character word the question writes with its neighbour (渝|东北) is the question's, not the answer's
    ("渝东北第一家AEO企业是哪家公司？", "紫建电子获评渝东北首家AEO企业,德凯实业填补全区市级重点实验室空白。", "紫建电子"),
    # a description of several verbs before 的 (拍脑袋决策、拍胸脯表态、拍屁股走人的) is no part of the name
    ("政府工作报告说要坚决防止和纠正哪种不良现象（拍脑袋决策那类）？",
     "坚决防止和纠正拍脑袋决策、拍胸脯表态、拍屁股走人的“三拍”现象。", "“三拍”现象"),
])
def test_the_short_span_stands_where_the_question_asks(question, sentence, answer):
    got = short_span(question, sentence, {})
    assert got is not None and got[0] == answer, got
    text, start = got
    assert sentence[start:start + len(text)] == text  # the offset is the answer's own, for the highlight


def test_no_span_where_the_question_does_not_fit_the_sentence():
    assert aligned_spans("今年要实施什么战略？", "稳定粮食播种面积，抓好油料生产。") == []
    assert aligned_spans("今年经济增长多少", "国内生产总值增长5%左右。") == []  # no wh-word: not a span question
    # an anchor never cuts a word: "上市" of 上市公司 is not where a company's name begins
    assert all(text != "公司" for _, _, text in aligned_spans("山区库区第一家在创业板上市的是哪家企业？",
                                                             "紫建电子成为山区库区首家创业板上市公司。"))


@pytest.mark.parametrize("question,kind", [
    ("2021年的政府工作报告是哪天作的？", "date"),
    ("这份政府工作报告是在哪次会议上作的？", "meeting"),
    ("这份报告是在哪次全国人大会议上作的？", "meeting"),
    ("At which session of the National People's Congress was the 2021 government work report delivered?", "meeting"),
    ("报告是谁代表区政府作的？", "person"),
    ("Who delivered the report?", "person"),
    ("今年要召开什么大会？", None),
    ("报告说今年是全面贯彻哪次党代会精神的开局之年？", None),
    ("报告提出要构建哪些经济走廊？", None),
    ("去年GDP增长多少？", None),
    # a person the report speaks of is no speaker
    ("报告中点名出访多国的党和国家领导人是谁？", None),
    ("报告里提到获评“时代楷模”的是谁？", None),
    ("报告里说的激励开州人的“一代军神”是哪位？", None),
])
def test_questions_about_the_report_itself(question, kind):
    assert asks_about_report(question) == kind


def _front(path):
    doc = parse_document(path)
    return front_matter(chunk(doc.paragraphs))


def test_the_front_matter_answers_when_where_and_by_whom():
    front = _front(REPORT)
    assert front_answer("date", front)[0] == "2026年2月4日"
    # the meeting as the date line names it, with whose congress it is (a national one names none)
    assert front_answer("meeting", front)[0] == "重庆市开州区第十八届人民代表大会第九次会议"
    assert front_answer("person", front)[0] == "杨宏"
    assert all("各位代表" not in p.text for p in front)


def test_the_front_matter_of_national_reports():
    reports = reports_dir()
    front = _front(reports / "national-2023-government-work-report.txt")
    assert front_answer("date", front)[0] == "2023年3月5日"
    assert front_answer("meeting", front)[0] == "第十四届全国人民代表大会第一次会议"
    assert front_answer("person", front)[0] == "李克强"
    # the 2014 file has no date line or speaker: nothing is made up
    old = _front(reports / "national-2014-government-work-report.txt")
    assert front_answer("date", old) is None and front_answer("person", old) is None


def test_an_english_place_question_takes_the_place_beside_the_words_it_glosses():
    """"Which city hosted the Asian Games" ~ 成都大运会、杭州亚运会: the place next to more of the glossed words."""
    grams = {"亚运": 1.0, "运会": 1.0}
    sentence = "群众体育蓬勃开展，成都大运会、杭州亚运会和亚残运会成功举办。"
    assert short_span("Which city hosted the Asian Games mentioned in the report?", sentence, grams) == ("杭州", 15)
    # the words beside a place go up to the next 、 or comma: 成都 is beside 大运会, 杭州 only beside 亚运会
    assert short_span("Which city hosted the Universiade last year?", sentence, {"大运": 1.0, "运会": 1.0}) == ("成都", 9)
    assert short_span("Which city will co-host the Winter Olympics together with Beijing?", "做好北京冬奥会和冬残奥会筹办工作。",
                      {"冬奥": 1.0, "奥会": 1.0}) is None  # the question's own place
    # a part of the world is no city (national 2024: 中国－中亚峰会)
    summit = "成功举办中国－中亚峰会、第三届“一带一路”国际合作高峰论坛等重大主场外交活动。"
    assert short_span("In which city was the China-Central Asia Summit held last year?", summit, {"中亚": 1.0, "峰会": 1.0}) is None
    # 国六 (jieba: a time word) is part of the name; a quoted name of the kind six characters after a glossed word
    assert short_span("Which fuel standard is to be promoted in key regions?", "提高燃油品质，在重点区域加快推广使用国六标准燃油。",
                      {"燃油": 1.0, "标准": 0.5})[0] == "国六标准"
    assert short_span("Which grassroots dispute-resolution experience is to be upheld?", "坚持和发展新时代“枫桥经验”，推进矛盾纠纷预防化解。",
                      {"发展": 0.5, "纠纷": 1.0})[0] == "枫桥经验"
    # a quoted name with the kind right after it: the name, without the kind (national 2016)
    assert short_span("What principle guides the reform of the corn purchasing and storage system?",
                      "按照“市场定价、价补分离”原则，积极稳妥推进玉米收储制度改革，保障农民合理收益。",
                      {"玉米": 1.0, "收储": 1.0, "原则": 1.0, "改革": 1.0}) == ("市场定价、价补分离", 3)
    floods = "有效应对海河等流域特大洪涝灾害，做好甘肃积石山地震等抢险救援。"
    assert short_span("Which river basin was hit by severe floods?", floods, {"洪涝": 1.0, "流域": 1.0}) == ("海河", 4)
    assert short_span("Which city hosted the games?", "成都大运会、杭州亚运会成功举办。", {"运会": 1.0}) is None  # a tie
    # a one-character kind inside a word (区|域) ends no name: 中国—东盟自贸区, not 上海合作组织等区
    assert short_span("Which free trade area did China complete with its southeast Asian neighbours?",
                      "顺利建成中国—东盟自贸区，推动上海合作组织等区域合作机制发展。",
                      {"自贸": 1.0, "东盟": 1.0, "建成": 1.0})[0] == "中国—东盟自贸区"
    # the question's own description (domestically made ~ 国产) is no part of the name it asks for (national 2016)
    assert short_span("Which domestically made large passenger aircraft rolled off the assembly line last year?",
                      "第三代核电技术取得重大进展，国产C919大型客机总装下线。",
                      {"国产": 1.0, "客机": 1.0, "下线": 1.0})[0] == "C919大型客机"
    # "which two countries / cities": the list of places beside the glossed words (national 2014, 2017)
    assert short_span("Which two countries did China sign free trade agreements with in 2013?", "与瑞士、冰岛签署自由贸易协定。",
                      {"自由": 1.0, "贸易": 1.0, "协定": 1.0, "签署": 1.0}) == ("瑞士、冰岛", 1)
    assert short_span("Which two cities were supported in building innovation centres?", "支持北京、上海建设具有全球影响力的科技创新中心。",
                      {"创新": 1.0, "中心": 1.0, "支持": 1.0, "建设": 1.0}) == ("北京、上海", 2)


def test_a_one_character_verb_and_the_kind_asked_are_one_word_of_the_report():
    """"上了哪个榜单" ~ 上榜全国百强纪念馆 (Kaizhou): what follows the joined word in its clause."""
    sentence = "刘伯承同志纪念馆上榜全国百强纪念馆,游客咨询中心建成投用,雨青博物馆开馆迎客。"
    for question in ("刘伯承同志纪念馆去年上了哪个全国榜单？", "去年刘伯承同志纪念馆上了什么榜？"):
        assert short_span(question, sentence, {}) == ("全国百强纪念馆", 10)


def test_a_quoted_name_without_the_kind_the_question_says():
    """"打造什么品牌" ~ “投资中国”品牌: the answer is the name; a plan's number (“八五”普法规划) and a two-character
    code keep their kind, and an owner before a name (国际货币基金组织…) is not the name."""
    from rag.spans import _tidy

    brand = "加强外商投资服务保障，打造“投资中国”品牌。"
    at = brand.index("“")
    assert _tidy("吸引外资方面要打造什么品牌？", brand, at, "“投资中国”品牌", "name") == ("投资中国", at + 1)
    plan = "启动实施“八五”普法规划。"
    at = plan.index("“")
    assert _tidy("今年启动实施的是哪一轮普法规划？", plan, at, "“八五”普法规划", "name")[0] == "“八五”普法规划"
    basket = "人民币正式纳入国际货币基金组织特别提款权货币篮子。"
    at = basket.index("国际")
    assert _tidy("人民币加入了什么货币篮子？", basket, at, basket[at:-1], "name")[0] == "特别提款权货币篮子"


def test_a_name_asked_after_quantity_words_that_describe_it():
    from rag.question import analyze

    assert not analyze("去年产值比重第一次超过第二产业的是哪个产业？").wants_figure
    assert analyze("哪个产业的比重提高了多少？").wants_figure  # a quantity asked after the name
    assert analyze("服务业比重是多少？").wants_figure


def test_an_owner_is_kept_in_the_name_of_its_meeting():
    from rag.spans import _tidy

    apec = "办好亚太经合组织领导人非正式会议。"
    assert _tidy("今年中国要办好哪个多边领导人会议？", apec, 2, "亚太经合组织领导人非正式会议", "name")[0] == "亚太经合组织领导人非正式会议"
    firms = "着力培育“专精特新”企业。"
    assert _tidy("今年要着力培育的是哪类企业？", firms, 4, "“专精特新”企业", "name")[0] == "“专精特新”企业"


@pytest.mark.parametrize("question,sentence,answer", [
    # the question's own nouns that begin the name stay in it
    ("为了防金融风险，今年要新设一个什么基金？", "设立金融稳定保障基金，发挥存款保险制度和行业保障基金的作用。", "金融稳定保障基金"),
    ("今年科技体制改革按照哪个方案来推？", "实施科技体制改革三年攻坚方案，强化国家战略科技力量。", "科技体制改革三年攻坚方案"),
    # not the words right before the wh-word, not a place named apart, not inside a quoted name's phrase
    ("去年云南哪些地方发生了较强地震？", "去年云南鲁甸、景谷等地发生较强地震。", "鲁甸、景谷"),
    ("今年“三北”工程要打好什么战役？", "打好“三北”工程三大标志性战役。", "三大标志性战役"),
])
def test_a_name_keeps_the_words_of_the_question_that_begin_it(question, sentence, answer):
    assert short_span(question, sentence, {})[0] == answer


def test_the_head_of_government_is_the_reports_speaker():
    from rag.front import asks_about_report

    assert asks_about_report("开州区长叫什么名字？") == "person"
    assert asks_about_report("区长在报告里提到哪些项目？") is None


def test_an_english_name_asked_as_the_name_of_a_kind_is_the_quoted_name_beside_its_gloss():
    """"the name of China's first aircraft carrier": the glossary gives 航母; the quoted name of the kind (舰) that
    stands right after it is the answer, not the clause it ends."""
    question = "What is the name of China's first aircraft carrier mentioned in the report?"
    sentence = "载人深潜、北斗卫星导航系统等实现重大突破，第一艘航母“辽宁舰”入列；"
    assert short_span(question, sentence, {"航母": 1.0, "航空": 1.0}) == ("辽宁舰", sentence.index("辽宁舰"))
    assert short_span(question, sentence, {"卫星": 1.0}) != ("辽宁舰", sentence.index("辽宁舰"))  # no gloss beside it


def test_an_english_plural_asks_for_every_name_of_the_list():
    """"Which Olympic events does…" asks for 北京冬奥会、冬残奥会; "which Olympic event" for one of them."""
    sentence = "做好北京冬奥会、冬残奥会筹办工作，多渠道增加全民健身场所和设施。"
    grams = {"冬奥": 1.0, "奥会": 1.0, "筹办": 1.0}
    assert short_span("Preparations for which Olympic events does the 2018 report call for?", sentence, grams)[0] == \
        "北京冬奥会、冬残奥会"
    assert short_span("Preparations for which Olympic event does the 2018 report call for?", sentence, grams)[0] == "北京冬奥会"


def test_a_person_asked_with_a_description_is_the_name_before_the_act():
    """National 2016: "哪位中国科学家获得了诺贝尔…奖" ~ 屠呦呦获得诺贝尔…奖: the description is no word of the sentence."""
    won = "科技领域一批创新成果达到国际先进水平，国产C919大型客机总装下线，屠呦呦获得诺贝尔生理学或医学奖。"
    assert short_span("去年哪位中国科学家获得了诺贝尔生理学或医学奖？", won, {}) == ("屠呦呦", won.index("屠呦呦"))


def test_a_word_of_the_genre_jieba_tags_as_a_name_is_nobody():
    """jieba's dictionary tags 智慧, 施政, 惠民 as person names (national 2014, 2018: "航天员都有谁" ~ 有智慧实现…)."""
    space = "神舟十号遨游太空，嫦娥三号成功登月，蛟龙深潜再创纪录，这表明中国人民完全有能力、有智慧实现建成创新型国家的目标。"
    assert short_span("神舟十号去年上天，执行任务的航天员都有谁？", space, {}) is None
    assert lacks_kind("神舟十号去年上天，执行任务的航天员都有谁？", space) == "人名"


def test_an_english_question_for_a_person_by_role_gets_the_name():
    """"Which prosecutor", "which member of the … team", "which Chinese scientist" ask for a person: the name
    jieba tags (王莉), or one it does not know that opens its clause and wins an honour (屠呦呦)."""
    from rag.spans import ask_kind

    for question in ("Which member of the procuratorate's juvenile protection team was named a 'Model of the Times'?",
                     "Which prosecutor, representing the team protecting minors, was named a 'Model of the Times' in 2025?",
                     "Which Chinese scientist won the Nobel Prize mentioned in the report?"):
        assert ask_kind(question) == "person"
    grams = {"时代": 1.0, "楷模": 1.0, "团队": 1.0}
    assert short_span("Which prosecutor, representing the team protecting minors, was named a 'Model of the Times' in 2025?",
                      "渝检护“未”团队代表王莉获评“时代楷模”。", grams)[0] == "王莉"
    nobel = "科技领域一批创新成果达到国际先进水平，国产C919大型客机总装下线，屠呦呦获得诺贝尔生理学或医学奖。"
    assert short_span("Which Chinese scientist won the Nobel Prize mentioned in the report?", nobel,
                      {"诺贝": 1.0, "贝尔": 1.0})[0] == "屠呦呦"
    assert ask_kind("Which company became the first AEO-certified enterprise in northeast Chongqing?") == "org"
    # a leaders' meeting is a meeting's name, not a person (national 2014)
    assert ask_kind("Which international leaders' meeting does China promise to host in 2014?") != "person"


def test_an_english_question_for_who_won_a_title_gets_the_winner_not_the_title():
    """"Which company became the first AEO-certified enterprise" ~ 紫建电子获评渝东北首家AEO企业: the title is the
    question's words; the company that won it is the answer."""
    grams = {"渝东": 1.0, "东北": 1.0, "首家": 1.0, "AE": 1.0, "EO": 1.0, "企业": 1.0}
    got = short_span("Which company became the first AEO-certified enterprise in northeast Chongqing?",
                     "紫建电子获评渝东北首家AEO企业,开州港获批开放口岸临时启用。", grams)
    assert got is not None and got[0] == "紫建电子"


def test_an_english_kind_is_the_head_noun_of_the_phrase_asked():
    """"which pilot free trade zone did": the zone (试验区) is asked, pilot only describes it; "which two countries
    signed free trade agreements": the noun ends at its verb, so the countries are asked, not the agreements."""
    from rag.lexicon import english_kinds

    assert english_kinds("Which pilot free trade zone did China set up in 2013?")[0] == "试验区"
    assert english_kinds("Which two countries signed free trade agreements with China?")[0] == "国"
    assert english_kinds("What new national agency for disease control was set up?")[0] == "局"
    # a verb in -s right after the noun asked ends the phrase: the campaign is asked, not the enterprises
    assert english_kinds("What campaign pairs private enterprises with villages?") == ["行动"]
    sentence = "设立中国上海自由贸易试验区，探索准入前国民待遇加负面清单的管理模式。"
    grams = {"自由": 1.0, "由贸": 1.0, "贸易": 1.0, "易试": 1.0, "试验": 1.0, "验区": 1.0}
    assert short_span("Which pilot free trade zone did China set up in 2013?", sentence, grams)[0] == "中国上海自由贸易试验区"
    assert short_span("What economic belt will be built along the golden waterway?", "依托黄金水道，建设长江经济带。",
                      {"黄金": 1.0, "水道": 1.0})[0] == "长江经济带"
    # task force, bridge, cluster: the kinds the genre names them by; the verb that puts one to use is no part
    assert short_span("In which cluster will a 110 kV substation go into operation?", "投用长沙组团110千伏变电站。",
                      {"千伏": 1.0, "变电": 1.0})[0] == "长沙组团"
    assert short_span("Which river has a ten-year fishing ban?", "全面实施长江十年禁渔。", {"十年": 1.0, "禁渔": 1.0})[0] == "长江"


def test_an_english_question_picks_the_name_of_a_list_that_holds_its_word():
    """"Which earthquake in Sichuan": of the list of disasters, the one whose own words hold Sichuan (四川, from the
    dictionary's pinyin), not the one beside it; "which three … zones": the three names that share the kind."""
    from rag.bilingual import proper_names

    assert proper_names("Which earthquake in Sichuan province hit hardest?", lambda c: True) == ["四川"]
    assert proper_names("Sichuan is first", lambda c: True) == []  # the question's first word is no name
    disasters = "去年，我国发生四川芦山地震、甘肃岷县漳县地震、黑龙江松花江嫩江流域洪涝等严重自然灾害。"
    question = "Which earthquake in Sichuan province is listed first among the severe natural disasters of 2013?"
    assert short_span(question, disasters, {"地震": 1.0, "灾害": 1.0, "四川": 0.5})[0] == "四川芦山地震"
    assert short_span(question, disasters, {"地震": 1.0, "灾害": 1.0})[0] != "四川芦山地震"  # Sichuan not read
    zones = "推广上海自贸试验区经验，新设广东、天津、福建自贸试验区。"
    grams = {"自贸": 1.0, "贸试": 1.0, "试验": 1.0, "验区": 1.0, "新增": 1.0}
    assert short_span("Which three new pilot free trade zones were set up in 2015?", zones, grams)[0] == "广东、天津、福建"
    cptpp = "加快中日韩自贸协定谈判进程，积极考虑加入全面与进步跨太平洋伙伴关系协定。"
    assert short_span("Which trans-Pacific trade pact will China consider joining?", cptpp,
                      {"跨太": 1.0, "太平": 1.0, "平洋": 1.0, "考虑": 0.5, "加入": 0.5})[0] == "全面与进步跨太平洋伙伴关系协定"
    # a list joined by 和: the member whose own part holds the question's word (证券 for "stock exchange"), though
    # the rest of it is the question's words too
    exchanges = "基本完成行业协会商会与行政机关脱钩改革。设立北京证券交易所和广州期货交易所。"
    assert short_span("Which new stock exchange was set up in 2021?", exchanges,
                      {"证券": 1.0, "券交": 1.0, "交易": 1.0, "易所": 1.0, "新增": 1.0})[0] == "北京证券交易所"


@pytest.mark.parametrize("question,sentence,missing", [
    # a company asked, a sentence that names none of its own
    ("报告讲强化反垄断、防止资本无序扩张，点名了哪家平台公司？", "强化反垄断和防止资本无序扩张，坚决维护公平竞争市场环境。", "单位或企业名称"),
    ("生态保护补偿条例由哪个部门牵头研究制定？", "研究制定生态保护补偿条例。", "单位或企业名称"),
    # a kind of organisation of its own (交易所, 航空公司) the sentence does not say
    ("2021年除了北交所，还新设了哪家交易所？", "推动央企、市属国企在开新设立片区公司、子公司5家以上,推动浦发投资集团完成AA+信用评级。", "单位或企业名称"),
    # places asked, none named (nor the report's own country)
    ("去年组建的首批国家实验室都落在哪些城市？", "建设国际科技创新中心和综合性国家科学中心，成功组建首批国家实验室。", "地名"),
    ("碳排放权交易试点放在了哪几个省市？", "建立生态补偿制度，开展排污权和碳排放权交易试点。", "地名"),
    # a rank asked, no rank written; a meeting asked, none written
    ("数字重庆建设考核中开州去年排全市第几名？", "数字重庆建设走在前列。", "名次"),
    ("国企改革三年行动方案是在哪次会议上审议通过的？", "出台国企改革三年行动方案。", "会议"),
    # a craft or machine counted by its measure word (艘, 台): a sentence that lists achievements by their kind
    # names none (national 2013)
    ("载人航天去年和天宫一号对接的是哪艘飞船？", "载人航天、探月工程、载人深潜、超级计算机、高速铁路等实现重大突破。", "飞船名称"),
    ("报告提到的超级计算机突破，具体是哪台超算？", "载人航天、探月工程、载人深潜、超级计算机、高速铁路等实现重大突破。", "超算名称"),
    # a name in another clause than the one that says the question's words is not its answer (Kaizhou)
    ("今年计划落户开州的知名商业综合体是哪家企业的项目？",
     "完善歇马、丰泰等城市新区商业设施,争创零售业创新提升发展先行区,成功落户知名商业综合体1家以上。", "单位或企业名称"),
    ("今年开工的万达开先进制造产业园选址在哪里？",
     "加快万达开产教联合体建设,开工万达开先进制造产业园,提速推进川渝东北一体化水资源配置工程。", "地名"),
    # a place of another item of the list is not the one asked of (national 2014, 2024)
    ("去年习近平主席出席的二十国集团领导人峰会是在哪个城市举行的？",
     "习近平主席等新一届国家领导人出席二十国集团领导人峰会、亚太经合组织领导人非正式会议、上海合作组织峰会等重大多边活动。", "地名"),
    # a part of the world is no country; the question's own place, with the words before it, is no answer
    ("去年的金砖国家领导人会晤是在哪个国家举办的？", "出访多国，出席金砖国家领导人会晤、东亚合作领导人系列会议等重大多双边活动。", "地名"),
    # 哪个地区 asks for a place; an English question's own place (Beijing) is no answer
    ("今年证照分离试点是在哪个地区开展的？", "深化商事制度改革，开展证照分离试点。", "地名"),
    ("Which city will co-host the Winter Olympics together with Beijing?", "做好北京冬奥会和冬残奥会筹办工作，倡导全民健身新时尚。", "地名"),
    # a genre phrase jieba tags as a name (党和国家, 长足进展) names no place
    ("去年的金砖国家领导人会晤在哪个国家举行？", "习近平主席等党和国家领导人出访多国，出席金砖国家领导人会晤、亚太经合组织领导人非正式会议"
     "、东亚合作领导人系列会议等重大多双边活动。", "地名"),
    ("去年研制取得进展的第四代核电机组建在哪座核电站？", "航空发动机、燃气轮机、第四代核电机组等高端装备研制取得长足进展。", "地名"),
    ("雄安新区位于哪个省？", "以疏解北京非首都功能为重点推进京津冀协同发展，高起点规划、高标准建设雄安新区。", "地名"),
    # a thing asked by what it is called: the sentence says the thing, by no name (national 2024, 2015)
    ("去年建成的首艘国产大型邮轮叫什么名字？", "国产大飞机C919投入商业运营，国产大型邮轮成功建造，新能源汽车产销量占全球比重超过60%。",
     "首艘国产大型邮轮名称"),
    ("我国自主研制、去年飞上蓝天的那款支线客机叫什么型号？", "我国自主研制的支线客机飞上蓝天。", "那款支线客机名称"),
    ("去年成功登月的探测器叫什么？", "嫦娥三号探测器成功登月。", ""),
    ("2013年中方提出要建设的两条“丝路”分别叫什么？", "提出建设丝绸之路经济带、21世纪海上丝绸之路的构想。", ""),  # no thing
    # the sentence holds one of the kind asked: it may answer
    ("开州组建“医联体”时牵手的省外心血管专科医院是哪家？", "携手云南阜外心血管医院等国内3家名院组建“医联体”,", ""),
    ("过去五年开的全军政治工作会议是在哪儿开的？", "召开古田全军政治工作会议，深入推进政治建军", ""),
    ("2016年启动实施的是第几个五年普法规划？", "启动实施“七五”普法规划，做好法律援助和社区矫正工作。", ""),
    ("混合所有制改革今年要在哪些领域迈出实质性步伐？", "在电力、石油、天然气、铁路等领域迈出实质性步伐。", ""),  # a name, not a place
])
def test_a_sentence_without_a_name_of_the_kind_asked_is_no_answer(question, sentence, missing):
    assert lacks_kind(question, sentence) == missing


def test_a_short_answer_of_another_thing_than_the_one_counted_is_no_answer():
    """"哪台深潜器" is not answered by the name of an aircraft carrier in the same sentence; "哪艘客轮" by the
    sentence that says the 客轮 may be."""
    from rag.spans import lacks_thing

    listed = "载人深潜、超级计算机等实现重大突破，第一艘航母“辽宁舰”入列。"
    assert lacks_thing("报告说载人深潜取得重大突破，用的是哪台深潜器？", listed) == "深潜器名称"
    assert lacks_thing("2015年发生翻沉事故的是哪艘客轮？", "“东方之星”号客轮翻沉事件造成重大人员伤亡。") == ""
    assert lacks_thing("今年要出台哪个方案？", listed) == ""  # no thing counted by a measure word
    # a thing asked by what it is called is checked on a sentence answer only: a short answer is its name
    assert lacks_thing("今年攻坚重大项目专门组建的队伍叫什么名字？", "组建“崖柏突击队”攻坚重大项目。") == ""
    assert lacks_thing("去年建成的首艘国产大型邮轮叫什么名字？", "国产大型邮轮成功建造。") == ""
    assert lacks_thing("去年建成的首艘国产大型邮轮叫什么名字？", "国产大型邮轮成功建造。", called=True) == "首艘国产大型邮轮名称"


def test_where_a_meeting_was_held_is_the_name_before_the_meeting():
    """National 2018: "召开古田全军政治工作会议" for "…是在哪里开的" — the name between the verb and the meeting the
    question names (jieba tags 古田 a person's name)."""
    sentence = "制定新形势下军事战略方针，召开古田全军政治工作会议，深入推进政治建军、改革强军、科技兴军、依法治军"
    grams = {"全军": 1.0, "军政": 1.0, "政治": 1.0, "治工": 1.0, "工作": 1.0, "作会": 1.0, "会议": 1.0, "召开": 1.0}
    assert short_span("过去五年召开的全军政治工作会议是在哪里开的？", sentence, grams)[0] == "古田"


def test_the_first_of_a_list_of_events_is_the_one_marked_first():
    sentence = "加大稳外贸稳外资力度，成功举办进博会、广交会、服贸会及首届消博会等重大展会。"
    assert short_span("去年第一次办的是哪个展会？", sentence, {"展会": 1.0, "举办": 1.0})[0] == "消博会"


def test_a_sentence_of_the_questions_own_words_is_no_answer():
    from rag.spans import ask_kind, echoes_question

    assert echoes_question("去年正式设立的第一批国家公园都有哪几个？", "第一批国家公园正式设立。")
    assert not echoes_question("去年产值比重第一次超过第二产业的是哪个产业？", "服务业增加值比重达到46.1%，首次超过第二产业。")
    # an office asked by 叫什么名字 asks for a person (the report may name none)
    assert ask_kind("作这份政府工作报告的国务院总理叫什么名字？") == "person"
    assert ask_kind("开州要打造的人才工作品牌叫什么？") == "name"


def test_a_span_cut_inside_a_quoted_name_is_no_name():
    from rag.spans import _balanced

    sentence = "引进知名品牌首店11家,“开州金厨品牌周”活动带动消费超10亿元"
    cut = sentence.index("“开州金厨品牌")
    assert not _balanced(sentence, cut, cut + len("“开州金厨品牌"))  # an opening mark without its closing one
    inner = sentence.index("开州金厨品牌周")
    assert not _balanced(sentence, inner, inner + 4)  # 开州金厨 ends inside the name
    assert _balanced(sentence, inner, inner + len("开州金厨品牌周"))  # the whole name, without its marks
    titles = "推动加入《数字经济伙伴关系协定》、《全面与进步跨太平洋伙伴关系协定》。"
    whole = titles.index("全面")
    assert _balanced(titles, whole, whole + len("全面与进步跨太平洋伙伴关系协定"))


def test_an_office_asked_is_answered_only_by_a_name_with_that_office():
    # 区委书记 is not 总书记; a time word between the office and 是谁 changes nothing
    assert not names_whom_asked("开州区委书记现在是谁？", "以习近平同志为核心的党中央总书记")
    assert names_whom_asked("开州区委书记现在是谁？", "区委书记 张三")
    assert names_whom_asked("开州区长是谁？", "重庆市开州区人民政府区长 杨宏")


@pytest.mark.parametrize("question,sentence", [
    # an organisation asked is not what a verb acts on, nor a quoted brand
    ("今年计划落户开州的知名商业综合体是哪家企业的项目？", "完善歇马、丰泰等城市新区商业设施,争创零售业创新提升发展先行区,成功落户知名商业综合体1家以上。"),
    ("“中国厨师之乡”这个称号是由哪个机构授予开州的？", "“开州金厨”成为全国第十个、全市首个“中国厨师之乡”。"),
])
def test_an_organisation_asked_needs_a_name_that_can_be_one(question, sentence):
    assert short_span(question, sentence, {}) is None


def test_a_count_of_years_written_in_chinese_numerals_is_of_its_own_clause():
    from rag.spans import counted_span

    assert counted_span("长江禁渔要禁多少年？", "落实长江十年禁渔，巩固治理成果。") == ("十年", 4)
    assert counted_span("新能源车免购置税的优惠还要再延几年？", "将新能源汽车车辆购置税优惠政策再延长三年。")[0] == "三年"
    # another thing's years (开州故城历时三年), a period (过去五年), 过去几年 (no count asked)
    assert counted_span("雨青博物馆从开工建设到开馆一共用了几年？", "雨青博物馆开馆迎客,开州故城历时三年即将整体开街。") is None
    assert counted_span("长江禁渔要禁多少年？", "过去五年，长江禁渔成效显著。") is None
    assert counted_span("为缓解孩子“入园难”，过去几年实施了什么计划？", "实施学前教育三年行动计划。") is None


@pytest.mark.parametrize("question,kind", [
    # "what new tool", "what kind of port": a name of a kind the lexicon knows
    ("What new tool will be set up to support carbon emission reduction?", "name"),
    ("Which premier delivered the 2018 government work report?", "person"),
    # the places asked by 哪几个省市 / 哪些城市; 在哪些领域, 在哪一级 ask for names, not places
    ("碳排放权交易试点放在了哪几个省市？", "place"),
    ("去年组建的首批国家实验室都落在哪些城市？", "place"),
    ("混合所有制改革今年要在哪些领域迈出实质性步伐？", "name"),
    ("去年企业养老保险基金在哪一级实现了统收统支？", "name"),
    ("铁路实行政企分开后新成立的铁路公司叫什么？", "org"),
    ("What does the report say about growth?", None),
    # "which places" asks for places; "which place did … rank" for a rank
    ("Which places in Yunnan were hit by strong earthquakes in 2014?", "place"),
    ("Which place did the district rank in the city's assessment?", "rank"),
    # 哪一家, 哪几家, 哪所 count organisations; "X都有哪些" lists what X names (城市 are places)
    ("开州准备引进的知名主题乐园是哪一家？", "org"),
    ("去年成功招引入驻的5家金融机构分别是哪几家？", "org"),
    ("区人民医院准备和哪所医学院校共建直属医院？", "org"),
    ("今年确定的乡村振兴重点帮扶县具体是哪些县？", "place"),
    ("今年进行公立医院改革试点的100个地级以上城市都有哪些？", "place"),
    ("今年要办好哪些主场外交活动？", "name"),
])
def test_the_kind_of_name_a_question_asks_for(question, kind):
    from rag.spans import ask_kind

    assert ask_kind(question) == kind


def test_an_english_anniversary_is_the_numeral_the_report_writes():
    from rag.spans import counted_span

    assert counted_span("Which anniversary of the Five Principles of Peaceful Coexistence falls in 2014?",
                        "今年是和平共处五项原则提出六十周年。") == ("六十周年", 13)
    assert counted_span("Which anniversary is it?", "今年是五十周年和六十周年。") is None  # two: no one answer


@pytest.mark.parametrize("text,is_class", [
    ("规上企业", True), ("公立医院", True), ("大中型商业银行", True), ("知名主题乐园", True), ("5家金融机构", True),
    ("一批乡村振兴重点帮扶县", True), ("100个地级以上城市", True),
    ("紫建电子", False), ("中国工商银行", False), ("国家实验室", False), ("云南阜外心血管医院", False),
])
def test_a_class_of_things_or_a_count_of_them_is_no_name(text, is_class):
    from rag.spans import class_phrase

    assert class_phrase(text) is is_class


def test_a_short_answer_of_the_kind_asked_must_name_one_not_the_class_nor_the_questions_words():
    from rag.spans import lacks_kind, question_made

    assert short_span("开州去年创成的全市首批先进级智能工厂是哪家企业？",
                      "规上企业研发投入增长15%,全市首批先进级智能工厂落地。", {}) is None
    assert short_span("扩大国家医学中心建设试点，具体由哪些医院承担？",
                      "深化公立医院综合改革，扩大国家医学中心和区域医疗中心建设试点。", {}) is None
    assert question_made("水利工程", "今年再开工的27个重大水利项目具体包括哪些工程？")
    assert not question_made("外商投资法", "为优化外商投资环境，过去五年出台了哪部法律的实施条例？")
    # a sentence that counts them (5家金融机构) or names the question's own organisation names none
    assert lacks_kind("去年成功招引入驻的5家金融机构分别是哪几家？", "成功招引5家金融机构、5家央企市属国企分支机构入驻。")
    assert lacks_kind("区人民医院准备和哪所医学院校共建直属医院？", "促进区人民医院与医学类高校共建直属医院,持续增强区域医疗服务能力。")
    assert not lacks_kind("开州组建医联体牵手的是哪家医院？", "携手云南阜外心血管医院等国内3家名院组建“医联体”。")


def test_a_rank_asked_is_the_rank_of_what_the_question_ranks():
    from rag.spans import lacks_kind, ranks_asked

    other = "全社会研发投入年均增长11%，规模跃居世界第二位。"
    assert not ranks_asked("我国经济总量现在世界排名第几？", other, other.index("第二位"))
    assert lacks_kind("我国经济总量现在世界排名第几？", other) == "名次"
    # a clause that opens with its verb ranks what the clause before it names
    own = "实际使用外商直接投资1196亿美元，居世界首位。"
    assert ranks_asked("2014年实际使用外资在全球排第几？", own, own.index("首位"))
    # ranked by size is not ranked by growth; 首次 is no place in a ranking
    trade = "鸡蛋、柑橘等农产品首次自营出口,外贸进出口总额历史性突破6亿元、增速全市第六,展现出强劲韧性与活力。"
    assert not ranks_asked("按外贸进出口总额规模算，开州去年在全市排第几？", trade, trade.index("第六"))
    assert lacks_kind("按外贸进出口总额规模算，开州去年在全市排第几？", trade) == "名次"
    assert ranks_asked("开州外贸进出口增速在全市排第几？", trade, trade.index("第六"))
    # a first of its kind (首个) holds no place in a ranking
    first = "西南地区首个潮玩产业园正式揭牌。"
    assert not ranks_asked("2025年开州地区生产总值总量在重庆全市排第几位?", first, first.index("首个"))
    # an ordinal (第几届) is the name's own
    event = "成功举办第三届中国国际进口博览会。"
    assert ranks_asked("去年办的进博会是第几届？", event, event.index("第三届"))


def test_a_place_or_an_organisation_asked_is_not_a_figure_nor_an_event():
    assert short_span("报告里提到的大飞机是哪家公司研制的？", "科技进步贡献率由52.2%提高到57.5%，大飞机等重大创新成果不断涌现。", {}) is None
    assert short_span("去年我国举办的亚信会议第四次峰会是在哪座城市召开的？",
                      "成功举办亚太经合组织第二十二次领导人非正式会议、亚信会议第四次峰会、博鳌亚洲论坛。", {}) is None
    from rag.spans import ask_kind

    assert ask_kind("哪些大型商业银行设立了普惠金融事业部？") == "org"  # the head asked (商业银行) is a bank


def test_a_province_asked_is_not_answered_by_a_region():
    assert short_span("2014年哪个省份的经济增速最快？", "中西部地区经济增速快于东部地区。", {}) is None
    from rag.spans import lacks_kind

    assert lacks_kind("潮玩产业园具体建在开州哪个镇街？", "西南地区首个潮玩产业园正式揭牌。") == "地名"
    assert short_span("乡村振兴重点帮扶县要从哪个地区的脱贫县里选？", "在西部地区脱贫县中集中支持一批乡村振兴重点帮扶县。", {})[0] == "西部地区"


def test_a_place_answer_does_not_begin_with_the_preposition_or_time_word_before_it():
    assert short_span("推进“城市向北”战略，生态空间要向东拓展到什么地方？", "生态空间向东拓展至白家溪。", {})[0] == "白家溪"
    assert short_span("2014年哪些地方发生了较强地震？", "去年云南鲁甸、景谷发生较强地震，抗震救灾有力有序。", {})[0] == "云南鲁甸、景谷"


def test_a_city_asked_is_no_part_of_the_world_nor_a_verb_phrase_and_a_person_no_verb():
    from rag.spans import lacks_kind

    summit = "成功举行中非合作论坛峰会、中欧领导人会晤，启动中拉论坛。"
    assert lacks_kind("去年中非合作论坛峰会是在哪个城市举行的？", summit) == "地名"
    assert not lacks_kind("去年中非合作论坛峰会是在哪个城市举行的？", "中非合作论坛峰会在约翰内斯堡举行。")
    assert short_span("去年新增的4个服务业扩大开放综合试点是哪几个城市？", "推出海南自由贸易港建设总体方案。", {}) is None
    assert short_span("获得全国群星奖的舞蹈《织卡织卡》编导是谁？", "舞蹈作品《织卡织卡》荣获全国群星奖。", {}) is None


def test_a_meeting_asked_for_an_act_is_not_one_whose_spirit_is_followed():
    from rag.spans import lacks_kind, meets_for_act

    spirit = "全面深入贯彻党的十九大和十九届二中、三中全会精神，贯彻新发展理念。"
    assert lacks_kind("新发展理念是在哪次会议上提出的？", spirit) == "会议"
    assert short_span("新发展理念是在哪次会议上提出的？", spirit, {}) is None
    # a question about the spirit itself is answered by it
    assert meets_for_act("今年要全面贯彻哪次会议的精神？", spirit, spirit.index("党的十九大"))
    held = "党的十九大提出了新时代坚持和发展中国特色社会主义的基本方略。"
    assert meets_for_act("基本方略是在哪次会议上提出的？", held, 0)


def test_an_ordinal_is_of_the_item_of_a_list_it_stands_in():
    """National 2022: 首届 is the 消博会's, not the 进博会's the question asks about."""
    from rag.spans import ranks_asked

    fairs = "成功举办进博会、广交会、服贸会及首届消博会等重大展会。"
    assert not ranks_asked("去年办的进博会是第几届？", fairs, fairs.index("首届"))
    assert ranks_asked("去年办的消博会是第几届？", fairs, fairs.index("首届"))
    assert ranks_asked("去年举办的进口博览会是第几届？", "成功举办第六届中国国际进口博览会。", 4)  # named otherwise


def test_a_list_asked_where_the_report_gives_only_a_count_is_said_so():
    from rag.spans import count_only

    assert count_only("首批设立的5个国家公园分别是哪几个？", "设立首批5个国家公园，建立各级各类自然保护地9000多处。") == "首批5个国家公园"
    # the mention of the number the question says
    started = "重大水利工程已开工的57个项目要加快建设，今年再开工27个项目。"
    assert count_only("今年再开工的27个重大水利项目具体包括哪些工程？", started) == "27个项目"
    # a sentence that lists them, or 每一件 (every one), is no count only
    assert not count_only("2014年新设了哪几个自由贸易试验区？", "新设广东、天津、福建3个自由贸易试验区。")
    assert not count_only("重点民生实事具体有哪几件？", "确保每一件实事都办到群众心坎上。")
    # asked by where they are (设在哪些省份), with a count of ten characters; a short answer from another clause
    # (北京、上海 build 科技创新中心) or one that holds what is counted lists none of them (national 2017)
    assert count_only("去年新设的7个自贸试验区分别设在哪些省份？", "推广上海等自贸试验区改革创新成果，新设7个自贸试验区。") == "7个自贸试验区"
    centres = "支持北京、上海建设具有全球影响力的科技创新中心，新设6个国家自主创新示范区，科技进步贡献率提高到56.2%。"
    assert count_only("新设的6个国家自主创新示范区是哪几个地方？", centres, ("北京、上海", 2)) == "6个国家自主创新示范区"
    insured = "在13个粮食主产省选择部分县市，对适度规模经营农户实施大灾保险。"
    assert count_only("今年农业大灾保险试点涉及的13个粮食主产省具体是哪些？", insured, ("粮食主产省选择部分县市", 4))
    # counted after the noun (Kaizhou: 引进知名品牌首店11家), and a span in a clause that goes on to another matter
    stores = "引进知名品牌首店11家,“开州金厨品牌周”活动带动消费超10亿元。"
    assert count_only("去年开州引进的11家知名品牌首店都有哪些品牌？", stores, ("开州金厨品牌周", 13)) == "首店11家"
    parks = "设立首批5个国家公园，分别是三江源、大熊猫、东北虎豹、海南热带雨林、武夷山。"
    assert not count_only("首批设立的5个国家公园分别是哪几个？", parks, ("三江源、大熊猫、东北虎豹、海南热带雨林、武夷山", 15))


def test_a_thing_asked_by_its_measure_word_needs_its_name_and_a_meeting_the_questions_words():
    from rag.spans import lacks_thing, meets_for_act

    built = "国产大飞机C919投入商业运营，国产大型邮轮成功建造，新能源汽车产销量占全球比重超过60%。"
    assert lacks_thing("去年建成的那艘国产大型邮轮叫什么名字？", built) == "国产大型邮轮名称"
    assert not lacks_thing("2015年发生翻沉事故的是哪艘客轮？", "“东方之星”号客轮翻沉事件造成重大人员伤亡。")
    trips = "出席金砖国家领导人会晤、亚太经合组织领导人非正式会议、东亚合作领导人系列会议。"
    assert not meets_for_act("去年专门部署金融工作、提出建设金融强国的是哪次会议？", trips, trips.index("东亚"))


def test_a_bare_common_noun_is_no_place_nor_organisation():
    assert short_span("首批碳达峰试点城市具体是哪几个城市？", "在100个城市和园区开展碳达峰试点建设。", {}) is None


def test_a_name_of_another_kind_of_the_family_asked_is_no_answer():
    """A 剧场 is no 体育场, an 企业 no 银行; any company is an 企业."""
    from rag.spans import other_of_family

    assert other_of_family("体育场", "壹圆剧场")
    assert other_of_family("商业银行", "商业银行普惠小微企业")
    assert other_of_family("医院", "中国医学科学院")  # an academy is no hospital
    assert not other_of_family("企业", "西南油气田公司")
    assert not other_of_family("银行", "中国工商银行")
    assert not other_of_family("法律", "外商投资法")  # no family


def test_an_organisation_named_by_the_questions_own_words_is_none():
    """培育|国家“小巨人”企业 is the question's own class after its verb; an English question asking for an
    institute is answered by no sentence without an organisation jieba knows as one."""
    from rag.spans import ask_kind

    counted = "累计培育国家“小巨人”企业3家、市级专精特新企业100家,市级科技型企业突破1000家。"
    assert short_span("2025年开州新增的那家国家级专精特新“小巨人”企业是哪家?", counted, {}) is None
    assert ask_kind("Which research institute developed the Fendouzhe deep-sea submersible?") == "org"
    assert lacks_kind("Which research institute developed the Fendouzhe deep-sea submersible?",
                      "加强科研诚信建设，弘扬科学精神，营造良好创新生态。")


def test_a_city_asked_is_a_place_jieba_tags_as_one_in_the_item_the_question_names():
    """"金砖国家领导人会晤在哪个城市": the sentence lists summits and names no city (二十国集团 is an organisation);
    in English, the place inside a name the question gives (上海 of 上海合作组织) is no answer, nor the place of
    another item of the list (博鳌)."""
    trips = ("习近平主席等新一届国家领导人出席二十国集团领导人峰会、亚太经合组织领导人非正式会议、上海合作组织峰会、"
             "金砖国家领导人会晤、东亚领导人系列会议等重大多边活动，访问一系列国家，取得丰硕成果。")
    assert lacks_kind("去年的金砖国家领导人会晤是在哪个城市开的？", trips) == "地名"
    hosted = "办好博鳌亚洲论坛年会、上海合作组织峰会、中非合作论坛峰会等主场外交。"
    assert lacks_kind("Which city will host this year's Shanghai Cooperation Organisation summit?", hosted) == "地名"
    assert not lacks_kind("Which city will host this year's Boao Forum for Asia annual conference?", hosted)


def test_lists_asked_by_where_and_meetings_and_banks_by_class():
    """"分别在哪些省份" asks where a counted list is (新设7个自贸试验区: a count only); a meeting answer is a
    meeting (国务院提请全国人大 is none); 商业银行 and 普惠 (jieba: a person) name no bank."""
    from rag.spans import count_only

    assert count_only("去年新设的7个自贸试验区分别在哪些省份？", "推广上海等自贸试验区改革创新成果，新设7个自贸试验区。") == "7个自贸试验区"
    law = "推进依法行政，国务院提请全国人大常委会制定修订法律34件，提出废止劳动教养制度议案。"
    assert short_span("这份报告是在哪一次全国人大会议上作的？", law, {}) is None
    banks = "鼓励大中型商业银行设立普惠金融事业部，国有大型银行要率先做到，实行差别化考核评价办法和支持政策。"
    assert lacks_kind("哪家国有大型银行最先设立了普惠金融事业部？", banks)


def test_a_thing_mentioned_only_by_its_class_is_not_named():
    """"引进知名主题乐园": the report plans one but says not which; a short answer from another clause of the
    sentence (汉丰湖国家水上国民休闲运动中心) is no answer. A name in the mention's own clause is."""
    from rag.spans import class_only

    parks = "引进知名主题乐园,完善丰乐响水湾等文旅配套设施,推进汉丰湖国家水上国民休闲运动中心、水乐园建成投运。"
    assert class_only("开州准备引进的知名主题乐园是哪一家？", parks, ("汉丰湖国家水上国民休闲运动中心", 30)) == "知名主题乐园"
    assert class_only("今年开州计划落户的知名商业综合体是哪个品牌？", "成功落户知名商业综合体1家以上。") == "知名商业综合体"
    named = "引进知名主题乐园欢乐谷,完善文旅配套设施。"
    assert not class_only("开州准备引进的知名主题乐园是哪一家？", named, ("欢乐谷", 8))
    assert not class_only("开州组建医联体牵手的心血管专科医院是哪家？", "携手云南阜外心血管医院等国内3家名院组建“医联体”。")


def test_a_place_of_the_other_thing_joined_by_he_is_none():
    """“东方之星”号客轮翻沉事件和天津港…事故: 天津港 is where the second happened, not the first."""
    events = "去年发生了“东方之星”号客轮翻沉事件和天津港特别重大火灾爆炸等事故，人员伤亡和财产损失惨重。"
    assert lacks_kind("“东方之星”号客轮是在哪个省翻沉的？", events) == "地名"
    assert not lacks_kind("去年特别重大火灾爆炸事故发生在哪里？", events)


def test_an_english_name_question_takes_the_one_quoted_name_beside_its_words():
    """No kind the lexicon knows (dance work, task force): the quoted or titled name in the clause that says a
    word the question glosses."""
    award = "渝超联赛开州主场、汉丰湖马拉松赛事、“壹圆剧场”等火爆出圈,舞蹈作品《织卡织卡》荣获全国群星奖。"
    assert short_span("Which dance work from Kaizhou won the national Qunxing Award?", award, {}) == ("织卡织卡", award.index("织卡织卡"))
    force = "组建“崖柏突击队”攻坚重大项目,力争完成投资145亿元以上。"
    assert short_span("What is the name of the special task force Kaizhou is setting up in 2026 to tackle major projects?",
                      force, {}) == ("崖柏突击队", 3)
    assert short_span("Which dance work won the Golden Rooster Award?", "推进“文化惠民”工程,丰富群众文化生活。", {}) is None


def test_a_name_with_its_place_in_brackets_is_whole():
    upgraded = "开州高新区成功升级为中国(重庆)自由贸易试验区联动创新区,紫建电子获评渝东北首家AEO企业。"
    assert short_span("“十四五”期间开州高新区升级成了什么平台？", upgraded, {}) == ("中国(重庆)自由贸易试验区联动创新区", 10)


def test_a_province_a_works_and_an_exchange_asked_need_one_of_their_kind():
    """"哪个省" is answered by a province (舟曲 is a county); "哪家企业研制的" not by 我国自主研制; "哪个造船厂",
    "哪个证券交易所", "哪个水库": a sentence that does not say the kind names none of it."""
    quake = "夺取汶川特大地震、玉树强烈地震、舟曲特大山洪泥石流等抗灾斗争重大胜利。"
    assert short_span("汶川特大地震发生在哪个省？", quake, {}) is None
    plane = "我国自主研制的支线客机飞上蓝天。"
    assert short_span("去年飞上蓝天的国产支线客机是哪家企业研制的？", plane, {}) is None
    achievements = "载人航天、探月工程、载人深潜、北斗卫星导航系统、超级计算机、高速铁路等实现重大突破，第一艘航空母舰“辽宁舰”入列。"
    assert lacks_kind("辽宁舰是在哪个造船厂改建完成的？", achievements)
    assert lacks_kind("创业板是在哪个证券交易所推出的？", "创业板、股指期货和融资融券业务相继推出。")
    assert lacks_kind("南水北调中线一期工程的水是从哪个水库调出来的？", "南水北调中线一期工程正式通水，惠及沿线亿万群众。") == "水库"
    assert not lacks_kind("南水北调中线的水是从哪个水库调出来的？", "中线工程从丹江口水库引水。")


def test_a_meetings_session_is_its_names_and_the_named_example_of_a_counted_class_answers():
    opened = "第十一届全国人民代表大会第一次会议以来的五年，是我国发展进程中极不平凡的五年。"
    assert short_span('报告回顾的"过去五年"是从哪次会议算起的？', opened, {}) == ("第十一届全国人民代表大会第一次会议", 0)
    pilots = "健全全民医保体系，建立重特大疾病保障和救助机制，全面开展儿童白血病等20种重大疾病保障试点工作。"
    assert short_span("今年全面开展的20种重大疾病保障试点，报告点名的是哪种病？", pilots, {}) == ("儿童白血病", pilots.index("儿童白血病"))


def test_the_place_of_the_listed_thing_the_question_names_and_the_name_with_its_kind():
    # "世博会是在哪个城市办的": the place of the item the question's words go on with, not the list before it
    games = "成功举办北京奥运会、残奥会和上海世博会；夺取抗击汶川特大地震、玉树强烈地震、舟曲特大山洪泥石流等严重自然灾害和灾后恢复重建重大胜利。"
    assert short_span("这五年成功举办的世博会是在哪个城市办的？", games, {}) == ("上海", games.index("上海"))
    assert short_span("报告提到的特大山洪泥石流灾害发生在哪里？", games, {}) == ("舟曲", games.index("舟曲"))
    # a name goes on with the kind asked (规划), without the verbs that act on it; "一系列…规划" names none
    plans = "深入实施区域发展总体战略，颁布实施全国主体功能区规划，制定西部大开发新十年指导意见和一系列区域发展规划。"
    got = short_span("过去五年颁布实施的国土空间开发方面的全国性规划叫什么？", plans, {})
    assert got == ("全国主体功能区规划", plans.index("全国主体功能区规划"))


def test_a_body_asked_through_a_preposition_and_a_rank_asked_as_a_position():
    opening = "现在，我代表国务院，向大会报告过去五年的政府工作，并对今年工作提出建议。"
    question = "这份政府工作报告是代表哪个机构向大会作的？"
    assert ask_kind(question) == "org"  # 哪个机构, not a meeting (向大会)
    assert short_span(question, opening, {}) == ("国务院", opening.index("国务院"))
    scale = "我国制造业规模跃居全球首位，水电、风电装机规模位居世界第一。"
    assert ask_kind("我国制造业规模在全球排在什么位置？") == "rank"
    assert short_span("我国制造业规模在全球排在什么位置？", scale, {})[0] == "全球首位"


def test_an_english_organisation_ends_in_its_kind():
    sentence = ("我们积极推进同各大国关系，加强与周边邻国的互利合作关系，顺利建成中国—东盟自贸区，推动上海合作组织等区域合作机制发展，"
                "深化同广大发展中国家的传统友谊与合作。")
    grams = dict.fromkeys(("地区", "地方", "区域", "域性", "扶持", "援助", "建设", "发展", "发挥"), 0.5)  # the question's glosses
    got = short_span("Which regional cooperation organisation does the report name as one China helped develop over the past "
                     "five years?", sentence, grams)
    assert got is not None and got[0] == "上海合作组织", got


def test_the_example_a_question_asks_for_a_title_from_its_verb_and_a_place_without_what_is_said_of_it():
    pilots = "健全全民医保体系，建立重特大疾病保障和救助机制，全面开展儿童白血病等20种重大疾病保障试点工作。"
    got = short_span("今年全面开展的重大疾病保障试点，报告举的是哪种病？", pilots, {})
    assert got == ("儿童白血病", pilots.index("儿童白血病"))  # the example, listed before 等
    award = "崖柏保护案例获评联合国人居环境生态保护修复典型,获市政府工作报告肯定。"
    assert short_span("开州的崖柏保护案例被评为什么典型？", award, {})[0] == "联合国人居环境生态保护修复典型"
    prize = "舞蹈作品《织卡织卡》荣获全国群星奖。"
    assert short_span("舞蹈作品《织卡织卡》拿了什么奖？", prize, {})[0] == "全国群星奖"
    xiongan = "抓好标志性项目在雄安新区落地建设。"
    assert short_span("报告要求抓好标志性项目在哪里落地建设？", xiongan, {})[0] == "雄安新区"
    frame = "推进政府机构改革，初步建立职能统一的大部门体制框架。"
    assert short_span("政府机构改革初步建立了什么样的体制框架？", frame, {})[0] == "大部门体制框架"


def test_a_person_jieba_cuts_a_ministry_with_and_and_the_verbs_before_a_name():
    nobel = "国产C919大型客机总装下线，屠呦呦获得诺贝尔生理学或医学奖。"
    assert short_span("去年哪位中国科学家拿了诺贝尔生理学或医学奖？", nobel, {}) == ("屠呦呦", nobel.index("屠呦呦"))
    tourism = "“重庆自行车骑行之城”提速打造,汉丰湖国家级旅游度假区创建高质量通过市级评审、上报文化和旅游部验收。"
    assert short_span("汉丰湖国家级旅游度假区创建通过市级评审后，上报给哪个部门验收？", tourism, {})[0] == "文化和旅游部"
    housing = "一批突出矛盾纠纷和信访积案得到妥善化解,“保交楼”工作获住建部通报表扬。"
    assert short_span("开州的“保交楼”工作受到了哪个部委的通报表扬？", housing, {}) == ("住建部", housing.index("住建部"))
    fta = "中国与冰岛、瑞士自贸区启动实施，中韩、中澳自贸区完成实质性谈判。"
    assert short_span("2014年我国同哪两个国家的自贸区启动实施？", fta, {})[0] == "冰岛、瑞士"
    law = "提请修订税收征管法。"
    assert short_span("报告提出要提请修订的税收方面的法律是哪部？", law, {})[0] == "税收征管法"


def test_a_date_asked_by_month_and_day_is_no_figure():
    from rag.question import analyze

    assert not analyze("今年营改增全面实施从几月几日开始？").wants_figure
    assert analyze("今年营改增减税多少亿元？").wants_figure


def test_a_meeting_of_the_kind_the_question_names():
    from rag.spans import lacks_kind, of_meeting_kind

    plan = ("按照市委六届八次全会、全市两会部署和区委十五届九次全会安排,区政府编制了《开州区国民经济和社会发展第十五个五年规划纲要(草案)》。")
    question = "“十五五”规划纲要草案是在哪次区政府常务会议上审议通过的？"
    assert short_span(question, plan, {}) is None and lacks_kind(question, plan) == "会议"  # 全会 are no 常务会议
    assert short_span("“十五五”规划纲要草案是按照哪次全会安排编制的？", plan, {}) is not None
    assert of_meeting_kind("2022年党召开的是哪次全国代表大会？", "党的二十大")  # the congress by its short name
    assert not of_meeting_kind("哪次全国代表大会", "十九届六中全会")


def test_the_document_a_question_asks_for_is_not_its_own_subject():
    plan = ("根据《中共中央关于制定国民经济和社会发展第十三个五年规划的建议》，国务院编制了《国民经济和社会发展第十三个五年规划纲要"
            "（草案）》，提交大会审查。")
    question = "“十三五”规划纲要草案是根据哪份文件编制的？"
    assert ask_kind(question) == "name"  # 哪份
    assert short_span(question, plan, {})[0] == "中共中央关于制定国民经济和社会发展第十三个五年规划的建议"


def test_an_organisation_of_a_generic_kind_without_a_name_is_none():
    from rag.spans import unnamed

    deposit = "建立存款保险制度，健全金融机构风险处置机制。"
    assert short_span("今年要建立的存款保险制度由哪个机构来负责运营管理？", deposit, {}) is None
    assert unnamed("健全金融机构") and unnamed("准确界定不同国有企业")
    assert not unnamed("亚洲基础设施投资银行") and not unnamed("“专精特新”企业")  # a place in it; a quoted class
    # what a subject question's subject is called answers it; a document is not the one the question is about
    port = "已设21个自由贸易试验区，海南自由贸易港建设稳步推进。"
    assert short_span("除自由贸易试验区外，报告提到稳步推进建设的自由贸易港是哪个？", port, {})[0] == "海南自由贸易港"


def test_the_place_of_a_listed_thing_only_where_the_question_names_that_thing_whole():
    """"中非合作论坛峰会在哪里举行" ~ 办好博鳌亚洲论坛年会、上海合作组织峰会、中非合作论坛峰会: 上海 is the place of
    another item (its 合作 is a word of the question, its 组织峰会 not)."""
    summits = "办好博鳌亚洲论坛年会、上海合作组织峰会、中非合作论坛峰会等主场外交。"
    got = short_span("今年的中非合作论坛峰会在哪里举行？", summits, {})
    assert got is None or got[0] != "上海", got


@pytest.mark.parametrize("question,sentence,answer", [
    # a standing the report gives in words answers a question of the position, not one of the place in a ranking
    ("2023年我国经济增速在世界主要经济体里处于什么位置？", "国内生产总值超过126万亿元，增长5.2%，增速居世界主要经济体前列。", "前列"),
    ("这几年建成的移动宽带网在全球是什么位置？", "完成新一轮农村电网改造，建成全球最大的移动宽带网。", "全球最大"),
    # the level with the body asked, as the report names it
    ("报告要求哪一级政府推动财力下沉？", "省级政府要推动财力下沉，兜牢基层“三保”底线。", "省级政府"),
    # the answer the question's words close round
    ("报告说要持续推进十年禁渔的是哪条江？", "加强重要江河湖库生态保护治理。持续推进长江十年禁渔。", "长江"),
    # the frame the question names closes the span (以…为重点)
    ("推进京津冀协同发展，重点是疏解什么？", "以疏解北京非首都功能为重点推进京津冀协同发展，高起点规划、高标准建设雄安新区。", "北京非首都功能"),
    # a class asked is answered by the class
    ("金融改革中，推动哪类银行设立普惠金融事业部？", "建立存款保险制度，推动大中型商业银行设立普惠金融事业部，深化政策性、开发性金融机构改革。",
     "大中型商业银行"),
    # a meeting the question frames by its name's own end, beside meetings written as the genre writes them
    ("今年政府工作总体要求里说按照哪个会议的部署来做？",
     "全面贯彻落实党的二十大和二十届二中全会精神，按照中央经济工作会议部署，坚持稳中求进工作总基调。", "中央经济工作会议"),
    # what the report calls the things the question lists
    ("电动汽车、锂电池、光伏产品这几样出口产品，报告里合称什么？", "推动外贸稳规模、优结构，电动汽车、锂电池、光伏产品“新三样”出口增长近30%。", "新三样"),
    # a place in brackets inside a name is part of it, and the verb of the change no part (成功升级为)
    ("“十四五”期间开州高新区升级成了什么？", "开州高新区成功升级为中国(重庆)自由贸易试验区联动创新区,紫建电子获评渝东北首家AEO企业。",
     "中国(重庆)自由贸易试验区联动创新区"),
    # plenums asked are plenums, not the congress beside them
    ("2015年政府工作总体要求提出要全面贯彻党的哪几次全会精神？", "全面贯彻党的十八大和十八届三中、四中全会精神，贯彻落实习近平总书记系列重要讲话精神。",
     "十八届三中、四中全会"),
    # a person with the title the report gives after the name; no place an event is named after (达沃斯论坛)
    ("去年出访多国、出席二十国集团领导人峰会等活动的国家领导人是谁？",
     "习近平主席等国家领导人出访多国，出席二十国集团领导人峰会、金砖国家领导人会晤、上海合作组织峰会、东亚合作领导人系列会议、"
     "亚欧首脑会议、达沃斯论坛等重大活动。", "习近平主席"),
    # whose: the owner before 的
    ("人均基本公共卫生服务经费补助提高后，增量全部用于支付谁的服务？",
     "人均基本公共卫生服务经费补助标准由35元提高到40元，增量全部用于支付村医的基本公共卫生服务。", "村医"),
    # of names quoted side by side, the one the question's words name
    ("开州获得了哪个“之都”的称号？", "荣膺“中国春橙之都”“中国香肠之乡”称号,“开州香肠”登上市级名优百品榜。", "中国春橙之都"),
    # the kind asked after 哪片 ends the answer
    ("十年禁渔是在哪片水域实施的？", "推动共抓长江大保护，深入实施长江流域重点水域十年禁渔。", "长江流域重点水域"),
    # an ordinal level (三级)
    ("医疗联合体建设试点中，哪一级公立医院要全部参与？", "三级公立医院要全部参与医疗联合体建设并发挥引领作用。", "三级公立医院"),
    # the model an English question's description names
    ("Which domestically developed large passenger aircraft entered commercial operation last year?",
     "国产大飞机C919投入商业运营，国产大型邮轮成功建造。", "C919"),
])
def test_standings_levels_gaps_frames_classes_and_collective_names(question, sentence, answer):
    got = short_span(question, sentence, {})
    assert got is not None and got[0] == answer and sentence[got[1]:got[1] + len(answer)] == answer, got


@pytest.mark.parametrize("question,sentence", [
    # a standing in words is no place in a ranking (排第几), and a generation no position
    ("我国经济总量现在世界排名第几？", "我国经济总量稳居世界第二，成为世界最大的货物贸易国。"),
    ("这几年建成的移动宽带网在全球是什么位置？", "加快第五代移动通信等技术研发和转化。"),
    # the gap the question's words close round holds a word that links, not a name
    ("今年要抓好标志性项目落地建设的是哪个新区？", "抓好标志性项目在雄安新区落地建设。"),
])
def test_no_standing_for_a_ranking_nor_a_gap_that_links(question, sentence):
    got = short_span(question, sentence, {})
    assert got is None or got[0] not in ("世界最大", "第五代", "在雄安新区", "标志性项目在雄安新区"), got


@pytest.mark.parametrize("question,sentence,answer", [
    # a standing in words, with the scope the report gives it, answers a question of the position or the level
    ("去年我国经济增速在全世界大概处于什么位置？", "从全年看，主要宏观经济指标符合预期，经济增速继续位居世界前列。", "世界前列"),
    ("今年中央对地方转移支付增长18%，这个增幅在近些年里处于什么位置？",
     "中央对地方转移支付增加约1.5万亿元、规模近9.8万亿元，增长18%、为多年来最大增幅。", "多年来最大增幅"),
    ("2021年的粮食产量在历史上算什么水平？", "粮食产量1.37万亿斤，创历史新高。", "创历史新高"),
    # the rank of what the question names in the lexicon's words (经济总量 ~ 国内生产总值), and of the clause an
    # aspect alone opens (规模跃居…: the 研发投入 of the clause before)
    ("这五年下来，我国经济总量在世界上排到第几了？",
     "国内生产总值从26.6万亿元增加到51.9万亿元，跃升到世界第二位；公共财政收入从5.1万亿元增加到11.7万亿元。", "第二位"),
    ("我国研发投入规模排世界第几？", "全社会研发投入年均增长11%以上，规模跃居世界第二位。", "第二位"),
    # the meeting that opens its sentence did what the clauses after it say
    ("确定全面建成小康社会目标的是哪次会议？",
     "党的十八大科学总结了过去五年的工作和党的十六大以来的奋斗历程和历史性成就，确定了全面建成小康社会和全面深化改革开放的目标。",
     "党的十八大"),
    # a titled name that ends in the kind asked, though the question's words make it up
    ("优化营商环境方面，今年要严格落实哪部条例？", "严格落实《优化营商环境条例》,开展规范涉企行政执法专项行动。", "优化营商环境条例"),
    # the full name of what the question shortens, the one its clause's words name
    ("五年来落地实施的推动川渝万达开统筹发展的总体方案全称是什么？",
     "《推动川渝万达开地区统筹发展总体方案》落地实施,万达开技术创新中心成为川渝首个省市级综合技术创新平台。",
     "推动川渝万达开地区统筹发展总体方案"),
    ("国务院这次提交大会审查的五年规划文件全称是什么？",
     "根据《中共中央关于制定国民经济和社会发展第十三个五年规划的建议》，国务院编制了《国民经济和社会发展第十三个五年规划纲要（草案）》。",
     "国民经济和社会发展第十三个五年规划纲要（草案）"),
    # the company that opens the clause, not the question's own subject in the next one
    ("去年开州空天信息产业是靠哪家企业落地实现开篇布局的？", "氦星光联成功落地,空天信息产业实现开篇布局。", "氦星光联"),
    # a plan counted by its ordinal
    ("今年要启动实施的是第几个五年普法规划？", "深化司法体制改革，开展法治宣传教育，启动实施“七五”普法规划，做好法律援助和社区矫正工作。",
     "“七五”普法规划"),
    # several asked: the whole list the span closes
    ("清理拖欠中小企业账款，报告点名哪些单位要带头清欠？", "规范商业承兑汇票使用，机关、事业单位和国有企业要带头清欠。", "机关、事业单位和国有企业"),
    ("政府过紧日子、勤俭节约，报告要求哪两级政府带头？", "各级政府必须艰苦奋斗、勤俭节约，中央政府和省级政府要带头。", "中央政府和省级政府"),
    ("推动社会治理创新，报告点名要发挥哪些群团组织的作用？", "充分发挥工会、共青团、妇联等群团组织作用。", "工会、共青团、妇联"),
    ("今年迎来成立60周年的是哪两个自治区？", "组织好广西壮族自治区、宁夏回族自治区成立60周年庆祝活动。", "广西壮族自治区、宁夏回族自治区"),
    # the words after a quoted name that the question does not say are part of the name
    ("今年要高质量办好的国际论坛叫什么？", "高质量办好“一带一路”国际合作高峰论坛，同奏合作共赢新乐章。", "“一带一路”国际合作高峰论坛"),
    # not a verb the kind asked closes (“瑞兽金狮”亮相 for "哪个节目")
    ("开州哪个节目登上了2025年央视春晚？", "“瑞兽金狮”亮相2025央视春晚,14项非遗入选市级名录。", "瑞兽金狮"),
    # the object the report fronts before the verb the question asks of
    ("金融改革中，资本市场相继推出了哪些板块和业务？", "银行业新监管标准实施，创业板、股指期货和融资融券业务相继推出，保险业改革开放深入推进。",
     "创业板、股指期货和融资融券业务"),
    # no verb before the relative clause's words (圆满完成), the name of the kind asked; its kind word no adverb
    ("今年文物工作中要推进国保申报的是哪处遗址？", "圆满完成文物“四普”工作,推进温汤井盐业遗址国保申报、乌杨古刹修缮,启动新一批区级非遗认定。",
     "温汤井盐业遗址"),
    ("“十四五”期间成为川渝首个省市级综合技术创新平台的是哪个机构？",
     "《推动川渝万达开地区统筹发展总体方案》落地实施,万达开技术创新中心成为川渝首个省市级综合技术创新平台。", "万达开技术创新中心"),
    ("去年全线通车的是哪条高速？", "巫云开高速全线通车,渝西、成达万高铁建设进度超80%,万开达直线高速进度过半。", "巫云开高速"),
    # a kind of four the report writes in its first two (高速公路 ~ 巫云开高速), before the question's closing words
    ("2025年哪条高速公路实现了全线通车？", "巫云开高速全线通车,渝西、成达万高铁建设进度超80%,万开达直线高速进度过半。", "巫云开高速"),
    ("2025年开州全线通车的是哪条高速公路？", "巫云开高速全线通车,渝西、成达万高铁建设进度超80%,万开达直线高速进度过半。", "巫云开高速"),
    ("今年开州要加快推进站城一体化开发的是哪个高铁新区？", "加快竹溪高铁新区站城一体化开发,全力塑造对外开放新窗口和产城融合示范区。", "竹溪高铁新区"),
    # who else is asked, between the verb that asks (请) and what they are asked to do
    ("总理作报告时，请哪些人对政府工作提出意见？", "现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。", "全国政协委员"),
    # a kind of one character closing the question (什么区)
    ("开州高新区升级成了什么区？", "开州高新区成功升级为中国(重庆)自由贸易试验区联动创新区,紫建电子获评渝东北首家AEO企业。",
     "中国(重庆)自由贸易试验区联动创新区"),
    # 这一指标 points back to the subject the sentence opens with
    ("今年首次作为预期目标的就业指标是哪个？", "城镇调查失业率涵盖农民工等城镇常住人口，今年首次把这一指标作为预期目标，以更全面反映就业状况。",
     "城镇调查失业率"),
    # the question's words on either side of the answer, the nearest of them on the left; a name of the kind asked
    ("“一带一路”部分提出要推进建设哪条通道？", "推进西部陆海新通道建设。", "西部陆海新通道"),
    ("今年要落实十年禁渔的是哪条江？", "落实长江十年禁渔，实施生物多样性保护重大工程。", "长江"),
    # a verb of one character the report writes in two (提意见 ~ 提出意见)
    ("报告除了请人大代表审议，还请哪些人提意见？", "现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。", "全国政协委员"),
    ("去年年末城镇登记失业率4.02%，跟往年比处于什么水平？", "年末城镇登记失业率4.02%，为多年来最低。", "多年来最低"),
    # the kind the question asks is the name's own end, not a predicate to trim (中欧投资[协定])
    ("去年我国完成了哪项投资协定的谈判？", "完成中欧投资协定谈判。", "中欧投资协定"),
    ("去年在全国范围开展试点的是什么股份转让系统？", "全面放开贷款利率管制，在全国进行中小企业股份转让系统试点。", "中小企业股份转让系统"),
    # a name joining two parties keeps the first; a place begins where its word does
    ("2013年中国提出要打造哪个自贸区的升级版？", "打造中国－东盟自贸区升级版。", "中国－东盟自贸区"),
    ("去年设立的自由贸易试验区在哪个城市？", "设立中国上海自由贸易试验区，探索准入前国民待遇加负面清单的管理模式。", "上海"),
    # not the question's own modifier after the list (…新疆[发展]的政策措施), nor its relative clause's verb (商签)
    ("去年国家专门制定实施了促进哪些地区发展的政策措施？", "制定实施促进西藏和四省藏区、新疆发展的政策措施。", "西藏和四省藏区、新疆"),
    ("报告提出要推进哪两条经济走廊的建设？", "推进孟中印缅、中巴经济走廊建设。", "孟中印缅、中巴经济走廊"),
    ("我国要积极商签的区域性自贸协定叫什么？", "积极商签区域全面经济伙伴关系协定，加快中日韩自贸区等谈判。", "区域全面经济伙伴关系协定"),
    # a deadline as the report writes it
    ("今年要全部淘汰的黄标车是指什么时间之前注册营运的？", "2005年底前注册营运的黄标车今年要全部淘汰。", "2005年底前"),
    # the date of a figure the question gives
    ("报告里银行业资本充足率8.4%是什么时候的数据？", "银行业风险抵御能力持续增强，资本充足率从2007年底的8.4%提升到去年底的13.3%。", "2007年底"),
])
def test_standings_full_names_fronted_objects_and_whole_lists(question, sentence, answer):
    got = short_span(question, sentence, {})
    assert got is not None and got[0] == answer and sentence[got[1]:got[1] + len(answer)] == answer, got


def test_a_rank_of_another_thing_sharing_one_word_is_no_answer():
    # "数字重庆建设考核" is not ranked by 区县对口协同工作考核: one word of the question is not enough
    sentence = "“开州金厨带精品”模式获评鲁渝消费协作典型案例,区县对口协同工作考核全市第一。"
    assert short_span("数字重庆建设考核中开州去年排全市第几名？", sentence, {}) is None
    # nor "我国对外直接投资规模" by the country and the aspect alone
    sentence = "我国制造业规模跃居全球首位，高技术制造业增加值年均增长13.4%。"
    assert short_span("我国对外直接投资规模现在排全球第几？", sentence, {}) is None


def test_a_list_already_or_a_partner_is_not_extended():
    # 中国与[冰岛、瑞士]: 与 links a partner, not a member of the list asked
    got = short_span("2014年同中国的自贸区启动实施的是哪两个国家？", "中国与冰岛、瑞士自贸区启动实施，中韩、中澳自贸区完成实质性谈判。", {})
    assert got is not None and got[0] == "冰岛、瑞士", got


@pytest.mark.parametrize("question, sentence, answer", [
    # the members the report lists right before the question's words, the verb that opens the list left out
    ("去年新设的自由贸易试验区是哪几个地方的？", "扩展上海自由贸易试验区范围，新设广东、天津、福建自由贸易试验区。", "广东、天津、福建"),
    ("过去五年相继投入运营的高铁，报告点了哪几条的名？",
     "新增铁路里程1.97万公里，其中高速铁路8951公里，京沪、京广、哈大等高铁和一批城际铁路相继投入运营；", "京沪、京广、哈大"),
    ("混合所有制改革今年要在哪些领域迈出实质性步伐？", "深化混合所有制改革，在电力、石油、天然气、铁路、民航、电信、军工等领域迈出实质性步伐。",
     "电力、石油、天然气、铁路、民航、电信、军工"),
    ("报告用哪几个词来形容刚办完的北京冬奥会？", "经过精心筹备，我们成功举办了简约、安全、精彩的北京冬奥会，也一定能办好刚刚开幕的冬残奥会。",
     "简约、安全、精彩"),
    # the last two joined by 和
    ("去年抚恤和生活补助标准提高20%以上的优抚对象包括哪些人？",
     "城乡低保标准分别提高9.97%和14.1%，残疾军人、烈属和老复员军人等优抚对象抚恤和生活补助标准提高20%以上。",
     "残疾军人、烈属和老复员军人"),
])
def test_a_question_for_several_takes_the_members_listed_before_its_words(question, sentence, answer):
    got = short_span(question, sentence, {})
    assert got is not None and got[0] == answer and sentence[got[1]:got[1] + len(answer)] == answer, got


@pytest.mark.parametrize("question, sentence", [
    # the question's words end a member of the list (民族|地区、边疆地区): no list before them
    ("集中连片特殊困难地区具体包括哪些片区？", "加大对革命老区、民族地区、边疆地区、贫困地区扶持力度，深入推进集中连片特殊困难地区扶贫攻坚。"),
    # places asked, levels listed (国家、省级区域医疗中心): no places, no answer
    ("今年要加快建设的区域医疗中心设在哪些城市？", "推进国家医学中心和国家、省级区域医疗中心建设。"),
    # a member that ends in a word linking it to what follows (服务[向]民生) is no member
    ("今年票决出来的重点民生实事具体有哪几件？", "我们将坚持政策、财力、服务向民生聚焦,接续办好年度重点民生实事。"),
])
def test_no_list_of_another_thing_answers_a_question_for_several(question, sentence):
    assert short_span(question, sentence, {}) is None


@pytest.mark.parametrize("question, sentence, answer", [
    # an aspect asked (什么类型的, 哪方面的) describes the kind, the noun after it, which the answer ends in
    ("转变政府职能，最终要建成什么类型的政府？",
     "坚持转变政府职能，推进政企分开、政资分开、政事分开、政社分开，建立职能科学、结构优化、廉洁高效、人民满意的服务型政府。", "服务型政府"),
    ("治理城市内涝，报告提出要推进什么类型的城市建设？", "加强城市地下管网建设，推进海绵城市建设，有效治理城市内涝。", "海绵城市"),
    ("建设全国统一大市场，今年要出台哪方面的行政法规？", "加快建设全国统一大市场，制定出台公平竞争审查行政法规。", "公平竞争审查行政法规"),
    # what the preposition frames, the members joined by 和 together
    ("今年要全面审计哪方面的情况？", "今年要对土地出让金收支和耕地保护情况进行全面审计。", "土地出让金收支和耕地保护情况"),
    # a verb inside the name (提升), whose words the question gives: the words after the clause's verb
    ("今年在提升粮食产能方面要搞什么行动？", "稳定粮食播种面积，抓好油料生产，实施新一轮千亿斤粮食产能提升行动。", "新一轮千亿斤粮食产能提升行动"),
])
def test_the_kind_an_aspect_describes_and_names_holding_a_verb(question, sentence, answer):
    got = short_span(question, sentence, {})
    assert got is not None and got[0] == answer and sentence[got[1]:got[1] + len(answer)] == answer, got


def test_the_questions_own_words_before_its_kind_are_no_name():
    # 区人民医院与医学类高校 is what the question says, not the name of a university
    sentence = "加快区级医疗机构扩容提质,推进紧密型医共体建设,促进区人民医院与医学类高校共建直属医院,持续增强区域医疗服务能力。"
    assert short_span("与开州区人民医院共建直属医院的是哪所医学类高校?", sentence, {}) is None


@pytest.mark.parametrize("question, sentence, answer", [
    # the members the question sets aside stand in one list: the answer is what the list goes on with
    ("加快自贸区谈判的对象里，除了韩国和澳大利亚，还有哪个区域组织？",
     "积极参与高标准自贸区建设，推进中美、中欧投资协定谈判，加快与韩国、澳大利亚、海湾合作委员会等自贸区谈判进程。", "海湾合作委员会"),
    ("报告点名相继投入运营的高铁，除了京沪、京广，还有哪一条？",
     "新增铁路里程1.97万公里，其中高速铁路8951公里，京沪、京广、哈大等高铁和一批城际铁路相继投入运营；", "哈大"),
    # a class said of every member of a list (市场) is no part of the answer
    ("今年农产品出口主要瞄准哪些市场？", "实施“百团千企”国际市场开拓计划,重点瞄准东盟、中国香港市场,扩大农产品出口。", "东盟、中国香港"),
    # 哪个区域协定 asks for an agreement, not a place
    ("报告提出要早日结束哪个区域协定的谈判？", "推动早日结束区域全面经济伙伴关系协定谈判，加快亚太自贸区建设。", "区域全面经济伙伴关系协定"),
])
def test_the_rest_of_a_list_set_aside_and_a_class_said_of_its_members(question, sentence, answer):
    got = short_span(question, sentence, {})
    assert got is not None and got[0] == answer and sentence[got[1]:got[1] + len(answer)] == answer, got


def test_a_region_compound_is_no_place_asked():
    assert ask_kind("报告提出要早日结束哪个区域协定的谈判？") != "place"
    assert ask_kind("生态保护方面报告点名要保护好的是哪个区域？") == "place"
    assert ask_kind("今年外贸要重点开拓哪个市场？") != "place"


@pytest.mark.parametrize("question, sentence, answer", [
    # the subject the question opens with, before its modal, is no part of the name asked of it
    ("车用燃油今年要全面推广什么标准？", "全面推广车用燃油国五标准，淘汰黄标车和老旧车380万辆。", "国五标准"),
    # a topic it opens with is (安全生产方面), and so is a subject whose rest is no name on its own (提升战略)
    ("安全生产方面今年要深入开展什么行动？", "深入开展安全生产专项整治三年行动，坚决遏制重特大事故发生。", "安全生产专项整治三年行动"),
    ("今年自由贸易试验区要实施什么战略？", "实施自由贸易试验区提升战略，扩大面向全球的高标准自由贸易区网络。", "自由贸易试验区提升战略"),
])
def test_the_subject_a_question_opens_with_is_no_part_of_the_name(question, sentence, answer):
    got = short_span(question, sentence, {})
    assert got is not None and got[0] == answer and sentence[got[1]:got[1] + len(answer)] == answer, got


def test_a_measure_asked_is_the_rest_of_the_clause_after_the_questions_words():
    # 措施 names no kind of name: what the report does there, after the words the question gives, is the answer
    sentence = "推动共抓长江大保护，深入实施长江流域重点水域十年禁渔。"
    got = short_span("为共抓长江大保护，在长江流域重点水域实行了什么措施？", sentence, {})
    assert got is not None and got[0] == "十年禁渔" and sentence[got[1]:got[1] + 4] == "十年禁渔", got


@pytest.mark.parametrize("question, sentence, answer", [
    # an English question for several: the members listed right before its words as the report writes them
    ("Which new pilot free trade zones did China set up in 2014?", "扩展上海自由贸易试验区范围，新设广东、天津、福建自由贸易试验区。",
     "广东、天津、福建"),
    # places asked: a list 等地 closes, without the province the question names
    ("Which places in Yunnan were hit by strong earthquakes in 2014?", "去年云南鲁甸、景谷等地发生较强地震，我们及时高效展开抗震救灾。",
     "鲁甸、景谷"),
])
def test_an_english_question_for_several_takes_the_members_listed(question, sentence, answer):
    got = short_span(question, sentence, {})
    assert got is not None and got[0] == answer and sentence[got[1]:got[1] + len(answer)] == answer, got


def test_a_list_of_unequal_members_is_no_answer_for_several():
    from rag.spans import _listed_before

    # not a member with the verb after it (冰岛[签署]), nor one much longer than the others (北京、[上海建设具有…])
    assert _listed_before("Which two countries did China sign free trade agreements with in 2013?",
                          "与瑞士、冰岛签署自由贸易协定。") is None
    assert _listed_before("Which two cities has the government supported in building science and technology innovation "
                          "centres?", "支持北京、上海建设科技创新中心。") is None  # (上海[建设]: a place and what it does)
    sentence = "支持北京、上海建设具有全球影响力的科技创新中心，新设7个国家自主创新示范区。"
    assert _listed_before("Which two cities were supported last year to build science and technology innovation centres?",
                          sentence) is None


def test_a_span_never_ends_in_a_number_cut_from_its_measure_word():
    sentence = "我们隆重纪念中国人民抗日战争暨世界反法西斯战争胜利70周年，集中宣示了我国作为世界反法西斯战争东方主战场的历史地位。"
    got = short_span("去年隆重纪念的是什么历史事件的周年？", sentence, {})
    assert got is not None and got[0].endswith("胜利70周年") and sentence[got[1]:got[1] + len(got[0])] == got[0], got
