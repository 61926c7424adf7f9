"""Commitments: extracted from the plan parts only, found completely by topic, exportable."""

import csv

import pytest
from typer.testing import CliRunner

from rag.cli import app
from rag.errors import QuestionError


def test_extracted_from_plan_parts_only(service):
    commitments = service.state.index.commitments
    assert len(commitments) > 100
    assert all(c.period.label in ("2026年目标", "2030年目标") for c in commitments)
    assert not any(c.text.startswith("各位代表") for c in commitments)
    targets = [c for c in commitments if c.paragraph == 50]
    assert targets and {"6%", "7300人"} <= {f.text for f in targets[0].figures}
    grain = next(c for c in commitments if "59万吨" in c.text)
    assert "确保" in grain.markers and {"173万亩", "59万吨以上"} <= {f.text for f in grain.figures}


@pytest.mark.parametrize("topic,must_have", [
    ("养老", ["启动普惠养老服务改革", "基本养老保险"]),
    ("低空经济", ["低空经济高地", "大力发展低空旅游"]),
    ("高铁", ["全力保障成达万、渝西高铁建设", "竹溪高铁新区"]),
    ("交通", ["全力保障成达万、渝西高铁建设", "港口货物吞吐量突破300万吨"]),  # 交通 is not in those words
])
def test_topic_lookup_is_complete(service, topic, must_have):
    result = service.commitments(topic)
    texts = [c.text for c in result.commitments]
    for needle in must_have:
        assert any(needle in t for t in texts), needle
    # grouped by section in report order
    paragraphs = [c.paragraph for c in result.commitments]
    assert paragraphs == sorted(paragraphs)


def test_unknown_topic_is_an_empty_list_with_a_message(service):
    result = service.commitments("宇宙飞船")
    assert result.commitments == [] and "宇宙飞船" in result.message


def test_empty_topic_is_an_error(service):
    with pytest.raises(QuestionError):
        service.commitments("  ")


def test_csv_export_opens_in_excel(built_index, tmp_path):
    out = tmp_path / "养老.csv"
    result = CliRunner().invoke(app, ["commitments", "养老", "--year-only", "--csv", str(out), "--index",
                                      str(built_index)])
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert rows[0] == ["doc", "section", "paragraph", "period", "commitment", "figures", "markers"]
    assert any("普惠养老" in r[4] for r in rows[1:])
    assert all(r[3] == "2026年目标" for r in rows[1:])  # the year's tasks: no five-year goal with --year-only


def test_sentences_under_a_topic_lead_phrase_belong_to_the_topic(service):
    # ¶71 opens with the lead phrase 促进民营经济发展; its sentence on 政企沟通 never names 民营
    texts = [c.text for c in service.commitments("民营经济").commitments]
    assert any(t.startswith("健全政企常态化沟通与服务机制") for t in texts)


def test_topic_words_follow_the_compound_not_any_substring():
    """A topic's report words come from the lexicon entries it is made of (医疗卫生 = 医疗 + 卫生), not from
    one it merely ends in: 营商环境 (business environment) is no pollution topic."""
    from rag.lexicon import topic_terms

    assert {"医院", "中医"} <= set(topic_terms("医疗卫生")) and {"研发", "创新"} <= set(topic_terms("科技创新"))
    assert not {"污染", "空气"} & set(topic_terms("营商环境"))
    assert "污染" in topic_terms("生态环境") and "污染" in topic_terms("环境")
    assert "健康" not in topic_terms("医疗")  # medical care, not health at large


def test_a_broad_report_word_needs_the_model_to_agree():
    """Naming the topic itself always counts; naming only a broad word for it counts when the model finds
    the commitment near the best match; meaning alone counts only in a paragraph where the topic's words
    stand (while they stand anywhere)."""
    import numpy as np

    from rag.calibration import Calibration
    from rag.commitments import select_commitments

    cal = Calibration(commitment_floor=0.8, commitment_margin=0.01, commitment_fallback_margin=0.02,
                      commitment_term_margin=0.03)
    levels = [2, 1, 1, 0, 0]
    scores = np.array([0.85, 0.89, 0.84, 0.895, 0.895], dtype=np.float32)
    places = [("d", 1), ("d", 2), ("d", 3), ("d", 2), ("d", 9)]
    assert select_commitments(levels, scores, cal, places) == [0, 1, 3]
    # no report word for the topic anywhere: the closest on meaning alone, in any paragraph
    assert select_commitments([0, 0, 0, 0, 0], scores, cal, places) == [1, 3, 4]


def test_the_best_match_is_that_of_a_sentence():
    """A heading or lead phrase is short and names its area in few words: the model puts it closer to the
    topic than any sentence, and the margins are taken from the best sentence, not from it."""
    import numpy as np

    from rag.calibration import Calibration
    from rag.commitments import select_commitments

    cal = Calibration(commitment_floor=0.8, commitment_margin=0.01, commitment_fallback_margin=0.02,
                      commitment_term_margin=0.03)
    levels, scores = [0, 1, 0], np.array([0.95, 0.89, 0.90], dtype=np.float32)
    # the first is a title: taken as the best, it leaves out the sentences 0.05 and 0.06 from it
    assert select_commitments(levels, scores, cal, [("d", 1)] * 3) == [0]
    assert select_commitments(levels, scores, cal, [("d", 1)] * 3, [True, False, False]) == [0, 1, 2]


def test_headings_lead_phrases_and_what_an_address_pledges_are_commitments(service):
    """Kaizhou: "深化国资国企改革" heads a work item and "(四)坚定不移推进创新驱动赋能,着力释放改革红利" a work area; both
    are pledges, the first of their items. "各位代表!改革创新是…根本动力。新的一年,我们将…" closes an area with what
    the government will do: the view is no commitment, the pledge is."""
    commitments = service.state.index.commitments
    titles = {c.text for c in commitments if c.title}
    assert "深化国资国企改革" in titles and any(t.startswith("(四)坚定不移推进创新驱动赋能") for t in titles)
    assert not any(c.title for c in commitments if "完成区属国企主业核定" in c.text)
    assert any(c.text.startswith("新的一年,我们将以更大决心破除体制机制障碍") for c in commitments)
    assert not any(c.text.startswith("改革创新是新开州制胜未来的根本动力") for c in commitments)
    # listed, the lead phrase is one item with the sentence after it, as the report writes it
    listed = [c.text for c in service.commitments("国企改革").commitments]
    assert any(t.startswith("深化国资国企改革。完成区属国企主业核定") for t in listed) and "深化国资国企改革" not in listed


def _commitment(text: str, paragraph: int, title: bool = False, section: str = "三、2026年工作安排", lead: str = ""):
    from rag.models import Commitment

    return Commitment(id=f"d:{paragraph}:{text}", text=text, doc="d", section=section, paragraph=paragraph,
                      lead=lead, title=title)


def test_a_heading_is_the_name_of_the_pledges_under_it_not_an_item_beside_them():
    """Judges listing every commitment on a topic list the sentences, not the lead phrase over them: a lead phrase
    found with the sentence after it is one item with it; with only other sentences of its paragraph found, it is
    their lead; found alone, it is the item. A work area's heading heads every commitment of its area."""
    from rag.commitments import fold_titles

    lead = _commitment("深化国资国企改革", 69, title=True, lead="深化国资国企改革")
    first = _commitment("完成区属国企主业核定", 69, lead="深化国资国企改革")
    third = _commitment("强化穿透式监管", 69, lead="深化国资国企改革")
    folded = fold_titles([lead, first, third], [True, False, False])
    assert [c.text for c in folded] == ["深化国资国企改革。完成区属国企主业核定", "强化穿透式监管"]
    assert not folded[0].title and folded[0].lead == "深化国资国企改革"
    assert [c.text for c in fold_titles([lead, third], [False, False])] == ["强化穿透式监管"]
    assert [c.text for c in fold_titles([lead], [False])] == ["深化国资国企改革"]
    # the next found is the next in the report but of another paragraph: not one item
    other = _commitment("推进财税金融改革", 70, title=True, lead="推进财税金融改革")
    assert [c.text for c in fold_titles([lead, other], [True, False])] == ["深化国资国企改革", "推进财税金融改革"]
    area = _commitment("（四）以创新引领实体经济转型升级", 80, title=True, section="三 > （四）")
    under = _commitment("提升科技创新能力", 82, section="三 > （四）")
    elsewhere = _commitment("促进消费稳定增长", 76, section="三 > （三）")
    assert [c.text for c in fold_titles([area, under], [False, False])] == ["提升科技创新能力"]
    assert [c.text for c in fold_titles([elsewhere, area], [False, False])] == ["促进消费稳定增长",
                                                                              "（四）以创新引领实体经济转型升级"]


def test_a_topic_may_abbreviate_a_section_heading():
    from rag.commitments import _abbreviates

    assert _abbreviates("扩大内需", "（一）着力扩大国内需求")
    assert not _abbreviates("扩大内需", "（一）扩大内需") and not _abbreviates("扩大内需", "（二）加快建设现代化产业体系")


def test_a_compound_topic_in_its_parts_and_a_listed_topic():
    """大气污染 is 大气 + 污染, each with the words reports use for it (a lead phrase naming both brings its
    paragraph); 碳达峰碳中和 is written 碳达峰、碳中和."""
    from rag.lexicon import topic_parts

    parts = topic_parts("大气污染")
    assert parts[0][0] == "大气" and "雾霾" in parts[0] and parts[1][0] == "污染"
    assert topic_parts("国企改革")[1] == ("改革",) and "国有" in topic_parts("国企改革")[0]
    assert topic_parts("乡村振兴")[0][0] == "乡村" and topic_parts("就业") == []  # a key alone has no parts


def test_every_sentence_of_a_work_item_under_its_lead_phrase_is_a_task():
    """National reports number no work areas: a paragraph headed by its lead phrase is one work item, and
    "城乡居民基础养老金标准统一由55元提高到70元" is a task though it has none of the pledge words."""
    from rag.commitments import _pledges
    from rag.documents import Paragraph
    from rag.periods import target_year

    item = Paragraph("d", 60, "织密织牢社会保障安全网。城乡居民基础养老金标准统一由55元提高到70元。",
                     ("三、2015年政府工作任务",), lead="织密织牢社会保障安全网", period=target_year(2015))
    assert _pledges(item, "城乡居民基础养老金标准统一由55元提高到70元。")
    assert not _pledges(item, "当前，经济下行压力还在加大。")  # the situation, not a task
    plain = Paragraph("d", 40, "城乡居民基础养老金标准统一由55元提高到70元。", ("三、2015年政府工作任务",),
                      period=target_year(2015))
    assert not _pledges(plain, "城乡居民基础养老金标准统一由55元提高到70元。")  # no lead, no pledge word


def test_a_sentence_that_states_the_situation_then_what_is_to_be_done_is_a_task():
    """National 2023: "当前…已进入常态化防控阶段，要…做好防控工作" opens with the situation and goes on to the task."""
    from rag.commitments import _pledges
    from rag.documents import Paragraph
    from rag.periods import target_year

    para = Paragraph("d", 83, "", ("二、对今年政府工作的建议",), period=target_year(2023))
    assert _pledges(para, "当前我国新冠疫情防控已进入“乙类乙管”常态化防控阶段，要在对疫情防控工作进行全面科学总结的基础上，"
                          "更加科学、精准、高效做好防控工作。")
    assert not _pledges(para, "当前我国新冠疫情防控已进入“乙类乙管”常态化防控阶段。")


def test_a_paragraph_that_opens_on_the_topic_brings_its_sentences(tmp_path):
    """National 2013: "城镇化是我国现代化建设的历史任务。…特大城市和大城市要合理控制规模…" — the paragraph opens on
    城镇化 as its subject, and its later sentences concern it though they never name it again."""
    from .conftest import national_service

    service = national_service(tmp_path, "national-2013-government-work-report")
    texts = [c.text for c in service.commitments("城镇化").commitments]
    assert any("特大城市和大城市要合理控制规模" in t for t in texts)
    assert any("中小城市和小城镇要增强产业发展" in t for t in texts)


def test_five_year_goals_with_the_years_tasks_or_the_year_alone(service):
    """"力争到2030年,建成“两铁六高一空一港”立体交通网络" is a goal of the plan the 2026 report sets out, not a task
    of 2026: a topic lookup gives the year's commitments and the plan's goals (each with its period), and without
    goals the year's alone."""
    year = service.commitments("交通", goals=False).commitments
    assert year and all(c.period.kind != "goal" for c in year)
    both = service.commitments("交通").commitments
    assert any(c.period.kind == "goal" and "两铁六高一空一港" in c.text for c in both)
    assert {c.id for c in year} < {c.id for c in both}


def test_goals_through_the_cli_and_the_csv(built_index, tmp_path):
    out = tmp_path / "交通.csv"
    result = CliRunner().invoke(app, ["commitments", "交通", "--csv", str(out), "--index", str(built_index)])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert "2030年目标" in {r[3] for r in rows[1:]} and "2026年目标" in {r[3] for r in rows[1:]}


def test_a_statement_of_what_something_is_is_no_commitment():
    """"就业是最基本的民生" and "国有企业、民营企业、外资企业都是现代化建设的重要力量" say what something is; "二是推进城镇
    保障性安居工程建设" (an item of a list of tasks) and "稳是大局和基础，各地区各部门要多出…政策" say what is to be done."""
    from rag.commitments import _statement

    assert _statement("就业是最基本的民生") and _statement("国有企业、民营企业、外资企业都是现代化建设的重要力量")
    assert not _statement("二是推进城镇保障性安居工程建设和房地产市场健康发展")
    assert not _statement("稳是大局和基础，各地区各部门要多出有利于稳预期、稳增长、稳就业的政策")
    assert not _statement("实现经济增长目标是今年的重要任务")  # 今年: the year's task
    # a view of what the work bears on, or whose duty it is, pledges nothing
    assert _statement("教育承载着国家的未来、人民的期盼") and _statement("保护环境，人人有责")
    assert not _statement("粮食安全事关国计民生，要稳定粮食播种面积")  # 要: it goes on to say what is to be done
    assert not _statement("医疗卫生事关群众健康，推进分级诊疗")  # a marker (推进): a task


def test_a_lead_phrase_that_names_the_topic_among_others_does_not_speak_for_every_sentence(tmp_path):
    """National 2024: under "加强粮食和重要农产品稳产保供" the sentence on 病虫害和动物疫病防控 concerns the work item, not
    grain; under "推动医改向纵深发展" (national 2014) every sentence concerns 医改."""
    from .conftest import national_service

    service = national_service(tmp_path, "national-2024-government-work-report", "national-2014-government-work-report")
    grain = [c.text for c in service.commitments("粮食").commitments if c.doc.startswith("national-2024")]
    assert any("粮食" in t for t in grain) and not any("病虫害" in t for t in grain)
    reform = [c.text for c in service.commitments("医改").commitments if c.doc.startswith("national-2014")]
    assert any("大病保险" in t for t in reform)


def test_a_word_for_the_topic_under_a_lead_that_names_it_among_others_and_a_work_item_that_mostly_names_it(tmp_path):
    """National 2022: under "加强粮食等重要农产品稳产保供", "新建1亿亩高标准农田" names a word for grain (农田): it
    concerns the topic, though the lead names grain among other things. Kaizhou: "对口协作" is written
    "深化区域协作与对口支援" in a lead phrase, both its words: the work item is about it."""
    from .conftest import national_service

    service = national_service(tmp_path, "national-2022-government-work-report")
    grain = [c.text for c in service.commitments("粮食").commitments]
    assert any("新建1亿亩高标准农田" in t for t in grain)
    assert not any("动植物疫病防治" in t for t in grain)


def test_a_two_word_topic_named_by_its_words_in_a_lead_phrase(service):
    texts = [c.text for c in service.commitments("对口协作").commitments]
    assert any("深化与江津、万盛对口协同发展" in t for t in texts)


def test_a_topic_written_with_words_between_its_own(tmp_path):
    """National 2017: 涉企收费 is written 涉企行政事业性收费 and 涉企经营性收费; those sentences are about the topic,
    whatever the model thinks of them."""
    from .conftest import national_service

    service = national_service(tmp_path, "national-2017-government-work-report")
    texts = [c.text for c in service.commitments("涉企收费").commitments]
    assert any("涉企行政事业性收费35项" in t for t in texts)
    assert any("涉企经营性收费" in t for t in texts)


def test_a_topic_the_lexicon_knows_takes_its_own_words_not_a_broader_keys():
    """安全生产 (workplace safety) is no 安全 at large: 治安, 扫黑 and 风险 are words for public order and risk, not
    for it; a topic the lexicon does not hold (医疗卫生) still takes the words of the keys it is made of."""
    from rag.lexicon import topic_terms

    own = topic_terms("安全生产")
    assert "事故" in own and not {"治安", "扫黑", "风险"} & set(own)
    assert {"治安", "风险"} <= set(topic_terms("安全"))
    assert {"医院", "卫生"} <= set(topic_terms("医疗卫生"))


def test_a_short_form_of_three_characters_written_out(tmp_path):
    """National 2016: 自贸区 is written 自由贸易区 and 自贸试验区; those pledges name the topic."""
    from .conftest import national_service

    service = national_service(tmp_path, "national-2016-government-work-report")
    texts = [c.text for c in service.commitments("自贸区").commitments]
    assert any("加快实施自由贸易区战略" in t for t in texts)
    assert any("扩大自贸试验区试点" in t for t in texts)


def test_a_pledge_between_two_chosen_ones_of_its_paragraph_is_chosen_when_the_model_finds_it_close():
    """推动城乡义务教育一体化发展… / 切实降低农村学生辍学率… / 义务教育…: the middle sentence names no word of the topic but
    stands in the paragraph's run on it; taken when within commitment_fallback_margin of the best sentence, not
    across paragraphs, not a heading, not when the model finds it far."""
    import numpy as np

    from rag.calibration import Calibration
    from rag.commitments import between_chosen

    cal = Calibration(commitment_fallback_margin=0.02)
    coms = [_commitment("推动城乡义务教育一体化发展", 5), _commitment("切实降低农村学生辍学率", 5),
            _commitment("义务教育阶段…", 5), _commitment("大力发展职业教育", 6), _commitment("办好特殊教育", 6)]
    close = np.array([0.90, 0.885, 0.89, 0.86, 0.88], dtype=np.float32)
    assert between_chosen([0, 2], coms, close, cal) == [0, 1, 2]
    far = np.array([0.90, 0.85, 0.89, 0.86, 0.88], dtype=np.float32)
    assert between_chosen([0, 2], coms, far, cal) == [0, 2]
    assert between_chosen([2, 4], coms, close, cal) == [2, 4]  # 3 is of another paragraph than 2
    titled = [*coms[:1], _commitment("切实降低农村学生辍学率", 5, title=True), *coms[2:]]
    assert between_chosen([0, 2], titled, close, cal) == [0, 2]
