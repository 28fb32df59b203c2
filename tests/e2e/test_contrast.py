"""Colour contrast AA (4.5:1 for normal text) of the three global styles every page shows: the top
menu's links, links on the grey page background, and outline-secondary buttons. Measured from the
colours Chromium computes, so a change in Bootstrap or in portal.css that breaks AA fails here."""

import pytest

CONTRASTS = """
() => {
  const rgba = (css) => {
    const [r, g, b, a = 1] = css.match(/[\\d.]+/g).map(Number);
    return {r, g, b, a};
  };
  const over = (fg, bg) => ({
    r: fg.r * fg.a + bg.r * (1 - fg.a),
    g: fg.g * fg.a + bg.g * (1 - fg.a),
    b: fg.b * fg.a + bg.b * (1 - fg.a),
  });
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const ratio = (fg, bg) => {
    const [hi, lo] = [lum(over(fg, bg)), lum(bg)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const color = (el, prop) => rgba(getComputedStyle(el)[prop]);
  const nav = document.querySelector("nav.navbar");
  const navLink = nav.querySelector(".nav-link:not(.active)");
  const main = document.querySelector("main") || document.body;
  const link = document.createElement("a");
  link.href = "#";
  link.textContent = "ссылка";
  const button = document.createElement("button");
  button.className = "btn btn-outline-secondary";
  button.textContent = "кнопка";
  main.append(link, button);
  const page = color(document.body, "backgroundColor");
  return {
    menu: ratio(color(navLink, "color"), color(nav, "backgroundColor")),
    link: ratio(color(link, "color"), page),
    button: ratio(color(button, "color"), page),
  };
}
"""


@pytest.mark.parametrize("persona", ["curator", "coordinator"])
def test_global_styles_meet_aa(world, page, login, persona):
    login(persona)
    measured = page.evaluate(CONTRASTS)
    assert {name: round(value, 2) for name, value in measured.items() if value < 4.5} == {}
