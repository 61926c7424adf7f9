"""Hybrid retrieval on the real report: the passage with the answer is in the top 3."""

import pytest

QUERIES = [
    ("今年地区生产总值预期增长多少", "地区生产总值增长6%"),
    ("去年城区空气质量优良天数", "城区空气质量优良天数346天"),
    ("五年来新建了多少所学校", "新建学校17所"),
    ("开州港货物吞吐量今年目标", "港口货物吞吐量突破300万吨"),
    ("2030年城镇化率目标", "常住人口城镇化率提高至58.5%"),
    ("粮食播种面积和产量稳定在多少", "173万亩、59万吨"),
    ("潮玩产业园引进企业", "新引进潮玩企业3家"),
    ("森林覆盖率", "森林覆盖率稳定在56.5%以上"),
    ("普惠养老服务改革", "启动普惠养老服务改革"),
    ("婴幼儿托位数量", "婴幼儿托位增至5676个"),
    ("绿色信贷余额增长", "绿色信贷余额75.7亿元"),
    ("低空经济高地", "低空经济高地"),
]


@pytest.mark.parametrize("query,evidence", QUERIES)
def test_expected_passage_in_top3(service, query, evidence):
    hits = service.search(query, 3)
    assert any(evidence in h.text for h in hits), [h.text[:40] for h in hits]


def test_hits_carry_place_and_score(service):
    hits = service.search("高标准农田", 5)
    assert len(hits) == 5
    assert all(h.doc == "kaizhou-2026-government-work-report" and h.paragraph > 0 and h.section for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_dense_and_lexical_both_contribute(service):
    retriever = service.state.retriever
    qvec = retriever.embed("城镇调查失业率")
    assert retriever.dense(qvec, 5) and retriever.lexical("城镇调查失业率", 5)
    assert retriever.lexical("zzzz qqqq", 5) == []  # words the index has never seen
