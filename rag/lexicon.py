"""The vocabulary of Chinese government work reports: English glosses and everyday synonyms.

Reports name their statistics in fixed official terms (地区生产总值, 社会消费品零售总额, 城镇调查失业率);
people ask with everyday words (GDP, 消费, 失业率) or in English. These tables map the usual ways of
asking to the official terms, so lexical matching works across the gap. They are about the genre,
not about one report.
"""

from __future__ import annotations

import re

# Everyday Chinese -> official terms (each key also stays a term itself).
ZH_SYNONYMS: dict[str, tuple[str, ...]] = {
    "人均GDP": ("人均GDP",),
    "GDP": ("地区生产总值",),
    "人代会": ("人民代表大会",),
    "两会": ("人民代表大会",),
    "经济增速": ("地区生产总值增长",),
    "经济增长": ("地区生产总值增长",),
    "社零": ("社会消费品零售总额",),
    "财政收入": ("一般公共预算收入",),
    "岗位": ("就业",),
    "外贸": ("进出口总额",),
    "进出口": ("进出口总额",),
    "好天气": ("空气质量优良天数",),
    "蓝天": ("空气质量优良天数",),
    "收入差距": ("城乡居民收入比",),
    "城乡收入": ("城乡居民收入比",),
    "招商": ("招商引资", "合同引资", "正式合同额"),
    "养老": ("普惠养老", "社区居家养老", "养老保险", "养老服务"),
    "医保": ("基本医疗保险",),
    "社保": ("基本养老保险", "基本医疗保险"),
    "托育": ("婴幼儿托位", "普惠托育"),
    "港口": ("开州港", "货物吞吐量"),
    "高铁": ("成达万", "渝西高铁"),
    "绿色贷款": ("绿色信贷余额", "绿色金融贷款余额"),
}

# English -> Chinese official terms. Longest phrases are matched first.
EN_GLOSSARY: dict[str, tuple[str, ...]] = {
    "gdp": ("地区生产总值",),
    "gross domestic product": ("地区生产总值",),
    "economic growth": ("地区生产总值增长",),
    "economy": ("地区生产总值",),
    "per capita gdp": ("人均GDP",),
    "industrial value added": ("规上工业增加值", "工业增加值"),
    "value added": ("增加值",),
    "fixed asset investment": ("固定资产投资",),
    "fixed-asset investment": ("固定资产投资",),
    "investment": ("投资",),
    "retail sales": ("社会消费品零售总额",),
    "consumer goods": ("社会消费品零售总额",),
    "online retail": ("网络零售额",),
    "public budget revenue": ("一般公共预算收入",),
    "fiscal revenue": ("一般公共预算收入",),
    "budget revenue": ("一般公共预算收入",),
    "revenue": ("收入",),
    "disposable income": ("居民人均可支配收入",),
    "income ratio": ("城乡居民收入比",),
    "income gap": ("城乡居民收入比",),
    "urban-rural income": ("城乡居民收入比",),
    "new urban jobs": ("城镇新增就业",),
    "urban jobs": ("城镇新增就业",),
    "jobs": ("就业",),
    "employment": ("就业",),
    "unemployment": ("城镇调查失业率",),
    "urbanization": ("常住人口城镇化率",),
    "urbanisation": ("常住人口城镇化率",),
    "life expectancy": ("人均预期寿命",),
    "port": ("开州港", "港口"),
    "cargo throughput": ("货物吞吐量",),
    "throughput": ("吞吐量",),
    "cargo": ("货物",),
    "foreign trade": ("进出口总额",),
    "imports and exports": ("进出口总额",),
    "import and export": ("进出口总额",),
    "exports": ("出口",),
    "air quality": ("空气质量优良天数",),
    "good air": ("空气质量优良天数",),
    "forest coverage": ("森林覆盖率",),
    "forest": ("森林",),
    "farmland": ("高标准农田",),
    "grain": ("粮食",),
    "output": ("产量", "产值"),
    "sown area": ("播面",),
    "r&d": ("研发经费",),
    "research and development": ("研发经费",),
    "high-tech enterprises": ("国家高新技术企业",),
    "high-tech": ("高新技术",),
    "technology enterprises": ("科技型企业",),
    "technology-based enterprises": ("科技型企业",),
    "technology-based": ("科技型",),
    "municipal-level": ("市级",),
    "municipal": ("市级",),
    "national-level": ("国家级",),
    "golden chef": ("开州金厨",),
    "brand week": ("品牌周",),
    "per-capita gdp": ("人均GDP",),
    "livelihood projects": ("民生实事",),
    "practical matters": ("民生实事",),
    "livelihood": ("民生",),
    "elderly-friendly": ("老年友好型",),
    "model communities": ("示范社区",),
    "communities": ("社区",),
    "students": ("学生",),
    "tech enterprises": ("科技型企业",),
    "tech companies": ("科技型企业",),
    "technology companies": ("科技型企业",),
    "science and technology": ("科技",),
    "talent": ("人才",),
    "contract value": ("合同额", "合同引资"),
    "contracted investment": ("合同引资", "正式合同额"),
    "investment promotion": ("招商引资",),
    "funds from higher": ("上级资金",),
    "higher-level funds": ("上级资金",),
    "superior funds": ("上级资金",),
    "tourists": ("游客接待量",),
    "tourist": ("游客",),
    "visitors": ("游客接待量",),
    "scenic": ("旅游景区",),
    "hotels": ("酒店",),
    "parking spaces": ("停车位",),
    "parking": ("停车位",),
    "old residential": ("老旧小区",),
    "old neighborhoods": ("老旧小区",),
    "old communities": ("老旧小区",),
    "green loans": ("绿色信贷余额", "绿色金融贷款余额"),
    "green credit": ("绿色信贷余额",),
    "green finance": ("绿色金融",),
    "loans": ("贷款余额",),
    "loan": ("贷款",),
    "deposits": ("存贷款余额",),
    "market entities": ("经营主体",),
    "business entities": ("经营主体",),
    "businesses": ("经营主体", "企业"),
    "enterprises": ("企业",),
    "companies": ("企业",),
    "industrial enterprises above designated size": ("规上工业企业",),
    "above designated size": ("规上",),
    "above-scale": ("规上",),
    "industrial": ("工业",),
    "industry": ("产业", "工业"),
    "tax": ("税收",),
    "herbal": ("中药材",),
    "chinese medicine": ("中药材", "中医药"),
    "medicinal": ("中药材",),
    "elderly care": ("养老",),
    "pension": ("养老保险",),
    "medical insurance": ("基本医疗保险",),
    "insurance": ("保险", "参保率"),
    "childcare": ("托育", "婴幼儿托位"),
    "nursery": ("婴幼儿托位",),
    "schools": ("学校",),
    "school": ("学校",),
    "education": ("教育",),
    "hospital": ("医院",),
    "health": ("健康",),
    "high-speed rail": ("高铁",),
    "railway": ("铁路",),
    "expressway": ("高速",),
    "highway": ("高速", "公路"),
    "roads": ("公路",),
    "logistics": ("物流",),
    "low-altitude": ("低空经济",),
    "drones": ("无人机",),
    "cycling": ("自行车",),
    "bicycle": ("自行车",),
    "trendy toys": ("潮玩",),
    "toy": ("潮玩",),
    "food processing": ("食品及农产品加工业",),
    "agricultural products": ("农产品",),
    "agriculture": ("农业",),
    "rural": ("农村", "乡村"),
    "village": ("村",),
    "collective economy": ("村集体经济",),
    "poverty": ("脱贫",),
    "relief": ("救助",),
    "subsidies": ("补贴",),
    "carbon": ("碳",),
    "water quality": ("水质",),
    "drinking water": ("饮用水",),
    "sewage": ("污水",),
    "population": ("人口",),
    "digital": ("数字",),
    "ai": ("AI+",),
    "innovation platforms": ("创新平台",),
    "technology contract": ("技术合同成交额",),
    "technology transactions": ("技术合同成交额",),
    "culture": ("文化",),
    "cultural industry": ("文化产业增加值",),
    "private economy": ("民营经济增加值",),
    "private investment": ("民间投资",),
    "financial industry": ("金融业增加值",),
    "finance": ("金融",),
    "reform": ("改革",),
    "projects": ("项目",),
    "project": ("项目",),
    "parks": ("园区", "公园"),
    "green space": ("城市绿地",),
    "housing": ("住房",),
    "consumption": ("消费",),
    "trade-in": ("以旧换新",),
    "collaboration output": ("协作产值",),
    "wanzhou": ("万州",),
    "chongqing": ("重庆",),
    "district mayor": ("区长",),
    "mayor": ("区长",),
    "kaizhou": ("开州",),
}

# More of the report genre's vocabulary, by area (economy, industry, finance, trade, farming, city,
# environment, society, government), so English questions meet the Chinese terms.
EN_GLOSSARY.update({
    "output value": ("产值",), "added value": ("增加值",), "share": ("占比",), "proportion": ("占比",),
    "coverage rate": ("覆盖率",), "completion rate": ("完成率",), "utilization rate": ("利用率",),
    "strategic emerging industries": ("战新产业",), "emerging industries": ("战新产业", "新兴产业"),
    "specialized and sophisticated": ("专精特新",), "little giant": ("小巨人",), "little giants": ("小巨人",),
    "listed company": ("上市公司",), "key laboratory": ("重点实验室",), "smart factory": ("智能工厂",),
    "technological transformation": ("技改投资",), "technical renovation": ("技改投资",),
    "industrial tax": ("工业税收",), "tax revenue": ("税收",), "profits": ("利润",),
    "electricity consumption": ("用电",), "gas consumption": ("用气",), "energy consumption": ("能耗",),
    "carbon emissions": ("碳排放",), "high-level talents": ("高层次人才",), "talents": ("人才",),
    "innovation platform": ("创新平台",), "research institutes": ("研究院",), "patents": ("专利",),
    "signed projects": ("签约项目",), "contracted": ("合同引资",), "major projects": ("重大项目",),
    "project reserve": ("储备项目",), "reserve projects": ("储备项目",), "special bonds": ("特别国债",),
    "private investment": ("民间投资",), "state-owned assets": ("国有资产",), "credit rating": ("信用评级",),
    "financial assets": ("金融资产",), "financial institutions": ("金融机构",), "branches": ("分支机构",),
    "deposits and loans": ("存贷款余额",), "inclusive finance": ("普惠金融",), "technology finance": ("科技金融",),
    "entrepreneurship": ("创业",), "start-up loans": ("创业担保贷款",), "guarantee loans": ("创业担保贷款",),
    "cross-border e-commerce": ("跨境电商",), "e-commerce": ("电商", "网络零售额"), "export": ("出口",),
    "containers": ("标箱",), "teu": ("标箱",), "rail-sea": ("铁海联运",), "freight": ("货运",),
    "logistics enterprises": ("物流企业",), "cold chain": ("冷链",), "foreign-oriented": ("外向型企业",),
    "commercial": ("商贸",), "retail": ("零售",), "brand stores": ("首店",), "first stores": ("首店",),
    "hotels": ("酒店",), "homestays": ("民宿",), "b&b": ("民宿",), "museum": ("博物馆",),
    "4a": ("4A级旅游景区",), "scenic spots": ("旅游景区",), "scenic areas": ("旅游景区",),
    "intangible cultural heritage": ("非遗",), "tourist reception": ("游客接待量",),
    "cultural industry": ("文化产业",), "sports": ("体育",),
    "high-standard farmland": ("高标准农田",), "seed industry": ("种业",), "seed production": ("制种",),
    "corn": ("玉米",), "potato": ("马铃薯",), "pigs": ("生猪",), "hogs": ("生猪",), "vegetables": ("蔬菜",),
    "citrus": ("柑橘",), "oranges": ("春橙",), "sausage": ("香肠",), "brand value": ("品牌价值",),
    "primary industry": ("第一产业",), "first industry": ("第一产业",), "processing": ("加工",),
    "processing parks": ("加工园",), "agricultural technology": ("农业科技进步贡献率",),
    "socialized services": ("社会化服务",), "cultivated land": ("耕地",), "afforestation": ("营造林",),
    "beautiful villages": ("和美乡村",), "rural roads": ("农村路",), "road widening": ("窄路面拓宽",),
    "substation": ("变电站",), "garbage": ("垃圾",), "waste transfer": ("垃圾转运站",),
    "sewage treatment": ("污水治理率",), "rural sewage": ("农村污水治理率",), "discharge": ("直排",),
    "built-up area": ("建成区",), "green space": ("城市绿地",), "sponge city": ("海绵城市",),
    "park area": ("公园面积",), "city renewal": ("城市更新",), "urban renewal": ("城市更新",),
    "parking lots": ("停车位",), "residential compounds": ("老旧小区",), "neighbourhoods": ("小区",),
    "water quality": ("水质",), "drinking water": ("饮用水水源地",), "air quality": ("空气质量优良天数",),
    "good air quality days": ("空气质量优良天数",), "pm2.5": ("PM2.5",), "inspection": ("督察",),
    "rectification": ("整改",), "green factories": ("绿色工厂",), "green factory": ("绿色工厂",),
    "safety accidents": ("生产安全事故",), "crime": ("刑事",), "police": ("警情",), "disasters": ("自然灾害",),
    "satisfaction": ("满意率", "满意度"), "proposals": ("提案",), "suggestions": ("建议",),
    "deputies": ("人大代表",), "cppcc": ("政协",), "expenditure": ("支出",), "spending": ("支出",),
    "debt": ("债务",), "migrant workers": ("农民工",), "graduates": ("高校毕业生",), "wage arrears": ("欠薪",),
    "basic pension": ("基本养老保险",), "childcare subsidies": ("育儿补贴",), "child-rearing": ("育儿补贴",),
    "births": ("出生人口",), "disabled": ("残疾人",), "veterans": ("退役军人",),
    "aid funds": ("救助补助资金",), "assistance funds": ("救助补助资金",), "school places": ("学位",),
    "degrees": ("学位",), "new schools": ("新建学校",), "teachers": ("教师",), "doctors": ("医生",),
    "medical": ("医疗",), "hospitals": ("医院",), "population": ("人口",), "residents": ("居民",),
    "income": ("收入",), "per capita": ("人均",), "average annual": ("年均",), "annual average": ("年均",),
    "growth": ("增长",), "target": ("目标",), "rural revitalization": ("乡村振兴",),
    "poverty alleviation": ("脱贫",), "shaken off poverty": ("脱贫人口",), "low-income": ("低收入",),
    "new": ("新增",), "newly": ("新增",), "nurture": ("培育",), "cultivate": ("培育",), "foster": ("培育",),
    "market entities": ("经营主体",), "business entities": ("经营主体",),
    "above-designated-size": ("规上",), "above designated size": ("规上",), "designated size": ("规上",),
    "cooperation output": ("协作产值",), "collaboration output": ("协作产值",), "co-operation output": ("协作产值",),
    "cross-sourcing": ("互链互采", "协作"), "industrial firms": ("工业企业",), "key companies": ("重点企业",),
    "signature": ("特色",), "clusters": ("产业集群",), "cluster": ("产业集群",), "herbs": ("中药材",),
    "farm": ("农业",), "farming": ("农业",), "five major": ("五大",), "five": ("五大",),
    "urban and rural income": ("城乡居民收入比",), "urban and rural incomes": ("城乡居民收入比",),
    "rural and urban income": ("城乡居民收入比",), "income ratio": ("城乡居民收入比",),
    "good-air days": ("空气质量优良天数",), "good air days": ("空气质量优良天数",), "air days": ("空气质量优良天数",),
    "foreign direct investment": ("外商直接投资", "实际利用外资"), "fdi": ("外商直接投资",),
    "foreign investment": ("外商投资", "利用外资"),
    "cargo volume": ("货物吞吐量",), "volume of cargo": ("货物吞吐量",), "cargo throughput": ("货物吞吐量",),
    "life expectancy": ("人均预期寿命",), "beautiful leisure villages": ("美丽休闲乡村",), "leisure": ("休闲",),
    "townships": ("乡镇",), "township": ("乡镇",), "towns": ("乡镇",), "class-iii": ("三级公路",),
    "class iii": ("三级公路",), "grade-3": ("三级公路",), "5a": ("5A级",), "5a-rated": ("5A级",), "4a-rated": ("4A级旅游景区",),
})
_EN_KEYS = sorted(EN_GLOSSARY, key=len, reverse=True)
_EN_RE = re.compile(r"(?<![a-z])(" + "|".join(re.escape(k) for k in _EN_KEYS) + r")(?![a-z])")


def gloss_english(text: str) -> list[str]:
    """Chinese official terms for the English words of a question (longest phrase first, no overlaps)."""
    out: list[str] = []
    for m in _EN_RE.finditer(text.lower()):
        out.extend(t for t in EN_GLOSSARY[m.group(1)] if t not in out)
    return out


_ZH_KEYS = sorted(ZH_SYNONYMS, key=len, reverse=True)


def expand_terms(text: str) -> list[str]:
    """Chinese terms of a question: its own words' official forms, and English glossed to Chinese.

    Longest keys first, each match taken out of the text, so 人均GDP is not also read as GDP.
    """
    rest = text.lower()
    terms: list[str] = []
    english = len(re.findall(r"[a-z]{2,}", rest)) * 2 > len(re.findall(r"[\u4e00-\u9fff]", rest))
    if english:  # English phrases first: "per-capita GDP" is one term, not GDP
        terms = gloss_english(rest)
        rest = _EN_RE.sub(" ", rest)
    for key in _ZH_KEYS:
        if key.lower() in rest:
            terms.extend(t for t in ZH_SYNONYMS[key] if t not in terms)
            rest = rest.replace(key.lower(), " ")
    if not english:
        terms.extend(t for t in gloss_english(rest) if t not in terms)
    return terms


# Topics staff look up, and the words by which reports speak of them. A commitment concerns a topic
# when it names the topic or one of these words. Kept specific: a broad word here costs precision.
TOPIC_TERMS: dict[str, tuple[str, ...]] = {
    "养老": ("养老", "银发经济", "老年", "老龄", "适老"),
    "交通": ("交通", "高铁", "铁路", "高速", "公路", "国省干线", "路网", "港口", "航道", "机场", "枢纽", "通道",
           "隧道", "农村路", "集疏运", "班轮"),
    "铁路": ("铁路", "高铁"),
    "高铁": ("高铁", "铁路"),
    "教育": ("教育", "学校", "教师", "职教", "产教", "教共体", "院校", "学位", "办学", "师德", "立德树人", "中学"),
    "就业": ("就业", "欠薪", "拓岗", "创业担保", "失业", "劳动者"),
    "金融": ("金融", "贷款", "信贷", "存贷款", "债务", "融资"),
    "医疗": ("医疗", "医院", "医共体", "医保", "中医", "健康", "卫生", "医学"),
    "健康": ("健康", "医疗", "医院", "医共体", "中医", "卫生", "全民健身"),
    "旅游": ("旅游", "文旅", "景区", "度假区", "游客", "乐园", "旅游走廊"),
    "文旅": ("文旅", "旅游", "景区", "度假区", "文化"),
    "人才": ("人才", "人才交流", "引才", "新农人", "领军"),
    "科技": ("科技", "研发", "创新平台", "高新技术", "技术合同", "科创", "研究院"),
    "创新": ("创新", "科技", "研发", "科创", "研究院"),
    "人工智能": ("人工智能", "AI", "智能体", "AI+"),
    "数字": ("数字", "数据", "智慧", "AI", "超算", "一件事"),
    "生态": ("生态", "环保", "污染", "水质", "空气", "森林", "碳", "绿色", "湿地", "河湖", "禁渔", "生物多样性"),
    "环境": ("环境", "生态", "污染", "水质", "空气", "环保", "黑臭", "污水", "垃圾"),
    "农业": ("农业", "农田", "粮食", "农产品", "种业", "制种", "农村", "乡村", "三农", "农民"),
    "乡村": ("乡村", "农村", "村集体", "三农", "和美乡村"),
    "工业": ("工业", "制造", "规上", "技改", "工厂", "产业园", "产业链"),
    "消费": ("消费", "零售", "商圈", "商业", "以旧换新", "首店", "授权店"),
    "投资": ("投资", "项目", "资金", "国债"),
    "住房": ("住房", "好房子", "好小区", "老旧小区", "房地产"),
    "安全": ("安全", "风险", "应急", "隐患", "防灾", "减灾", "扫黑", "治安"),
    "文化": ("文化", "文物", "非遗", "博物馆", "剧场", "文明", "公共文化"),
    "体育": ("体育", "健身", "运动", "赛事", "马拉松", "自行车公开赛"),
    "开放": ("开放", "外贸", "进出口", "出口", "跨境", "海关", "口岸", "保税", "外向型"),
    "物流": ("物流", "港口", "集疏运", "仓储", "冷链", "货运"),
    "低空经济": ("低空",),
    "中药材": ("中药材", "中医药", "药材", "食药同源", "药菜果猪粮"),
    "托育": ("托育", "托幼", "育儿", "婴幼儿", "新出生人口"),
    "社会保障": ("社会保障", "社会救助", "参保", "养老保险", "医疗保险", "兜底"),
    "城市更新": ("城市更新", "老旧小区", "路网更新", "停车位", "城市绿地"),
    "营商环境": ("营商环境", "一窗综办", "一网通办", "审批", "涉企", "信用开州"),
    "民营经济": ("民营", "中小企业", "个体工商户", "经营主体"),
    "国企": ("国企", "国有", "国资", "央企"),
}


def topic_terms(topic: str) -> list[str]:
    """The words by which a report speaks of a topic: the topic, its parts, its vocabulary, its gloss."""
    from .text import content_runs

    terms = [topic]
    for run in content_runs(topic):
        terms.extend(w for w in re.split(r"[和与及、,，/ ]+", run) if len(w) >= 2)
    for key, words in TOPIC_TERMS.items():
        if key in topic:
            terms.extend(words)
    terms.extend(gloss_english(topic))
    seen: list[str] = []
    for t in terms:
        if t and t not in seen:
            seen.append(t)
    return seen
