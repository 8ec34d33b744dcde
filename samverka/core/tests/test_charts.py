from datetime import date

from django.template.loader import render_to_string

from samverka.core import charts


def test_the_longest_bar_is_the_largest_value_and_the_table_has_every_number():
    chart = charts.bars("Volontärer", [("Ekerö", 120), ("Adelsö", 30), ("Munsö", 0)], chart_id="c")
    assert [bar.length for bar in chart.bars] == [100.0, 25.0, 0.0]
    html = render_to_string("components/chart_bars.html", {"chart": chart})
    assert 'role="img"' in html and "Volontärer" in html
    assert html.count("<tr>") == 4  # the head and three rows
    assert ">120<" in html and ">30<" in html


def test_an_empty_chart_says_so_instead_of_drawing_nothing():
    html = render_to_string("components/chart_bars.html", {"chart": charts.bars("Inget", [])})
    assert "<svg" not in html


def test_a_line_leaves_a_gap_where_a_value_is_missing_and_draws_the_target():
    chart = charts.line("Matchningar", [(date(2026, 1, 1), 10), (date(2026, 2, 1), None), (date(2026, 3, 1), 20)],
                        target=40, chart_id="m")
    assert chart.path.count("M") == 2 and "L" not in chart.path
    assert chart.target_y is not None and chart.target_y < min(p.y for p in chart.points if p.y is not None)
    html = render_to_string("components/chart_line.html", {"chart": chart})
    assert "chart__target" in html and "2026-03-01" in html and ">40<" in html
