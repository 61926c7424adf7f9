"""The `rag` command line: every command, JSON output, clear one-line errors and exit codes."""

import json

from typer.testing import CliRunner

from rag.cli import app

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_search_and_ask(built_index):
    r = run("search", "森林覆盖率", "-k", 2, "--json", "--index", built_index)
    assert r.exit_code == 0
    hits = json.loads(r.stdout)
    assert len(hits) == 2 and "森林覆盖率" in hits[0]["text"]
    r = run("ask", "今年森林覆盖率要稳定在多少？", "--json", "--index", built_index)
    answer = json.loads(r.stdout)
    assert answer["answer"] == "56.5%以上" and not answer["refused"]
    assert set(answer) >= {"question", "answer", "refused", "figures", "citations"}
    assert set(answer["citations"][0]) >= {"doc", "section", "paragraph", "text", "score", "highlight"}
    assert answer["answer_kind"] == "figure" and answer["confidence"] in ("high", "medium", "low")
    r = run("ask", "今年森林覆盖率要稳定在多少？", "--index", built_index)
    assert "答案: 56.5%以上" in r.stdout and "出处" in r.stdout and r.stdout.count("【56.5%以上】") == 1


def test_figures_command(built_index, tmp_path):
    r = run("figures", "--period", "2030", "--json", "--index", built_index)
    figs = json.loads(r.stdout)
    assert figs and all(f["period"]["label"] == "2030年目标" and f["period"]["kind"] == "goal" for f in figs)
    out = tmp_path / "f.csv"
    r = run("figures", "--topic", "就业", "--csv", out, "--index", built_index)
    assert r.exit_code == 0 and "7300人" in out.read_text(encoding="utf-8-sig")


def test_errors_are_one_line_with_nonzero_exit(built_index, tmp_path):
    cases = [
        ("search", "", "--index", built_index),
        ("ask", "问" * 2001, "--index", built_index),
        ("ask", "森林", "--index", tmp_path / "none"),
        ("build", tmp_path / "missing", "--index", tmp_path / "i"),
        ("build", "corpus", "--index", tmp_path / "i", "--embedder", "bogus"),
        ("figures", "--csv", tmp_path / "no" / "such" / "dir" / "x.csv", "--index", built_index),
        ("commitments", "养老", "--csv", "/proc/no/x.csv", "--index", built_index),
        ("eval", "eval/gold.jsonl", "--json", "/proc/no/x.json", "--index", built_index),
    ]
    for args in cases:
        r = run(*args)
        assert r.exit_code == 1, args
        lines = [line for line in r.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("error: "), r.stderr
    assert not (tmp_path / "i").exists()


def test_build_command(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "r.txt").write_text("某区政府工作报告\n三、2026年工作安排\n(一)推进工业\n新增规上工业企业25家。\n",
                                  encoding="utf-8")
    r = run("build", corpus, "--index", tmp_path / "idx")
    assert r.exit_code == 0 and "indexed 1 document(s)" in r.stdout
    r = run("ask", "今年新增多少规上工业企业？", "--json", "--index", tmp_path / "idx")
    assert json.loads(r.stdout)["answer"] == "25家"
