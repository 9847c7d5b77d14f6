//! Charts drawn on the server as SVG, so they need no script and print as they show.
//!
//! The compliance chart stacks, for each month-end, the shares of people compliant, on track,
//! at risk and overdue. Each bar segment carries a `<title>` (its figure, for pointers and
//! screen readers), the chart as a whole a label, and the page puts the same figures in a
//! table next to it. Colours differ in lightness as well as hue, and each status also has its
//! own pattern-free position in the stack, so the chart reads in greyscale too.

use std::fmt::Write;

/// One bar: its label under the axis and the count for each status, in stack order.
pub struct Bar {
    pub label: String,
    pub counts: [u64; 4],
}

/// Fill colours for compliant, on track, at risk and overdue.
const FILLS: [&str; 4] = ["#1b6e3a", "#7fbf7b", "#f0b429", "#b3261e"];

const WIDTH: u32 = 720;
const HEIGHT: u32 = 260;
const LEFT: u32 = 44;
const BOTTOM: u32 = 40;
const TOP: u32 = 12;

/// A stacked bar chart of shares; `names` are the statuses' names, `label` describes the
/// chart for assistive technology.
pub fn stacked_shares(bars: &[Bar], names: &[String; 4], label: &str) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {}\" role=\"img\" aria-label=\"{}\" class=\"chart\">",
        HEIGHT + 28,
        escape(label)
    );
    let plot_h = HEIGHT - BOTTOM - TOP;
    // Grid lines and the share axis.
    for pct in [0u32, 25, 50, 75, 100] {
        let y = TOP + plot_h - plot_h * pct / 100;
        let _ = write!(
            s,
            "<line x1=\"{LEFT}\" y1=\"{y}\" x2=\"{WIDTH}\" y2=\"{y}\" stroke=\"#c8c8c8\" stroke-width=\"1\"/><text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\" fill=\"#333\">{pct} %</text>",
            LEFT - 6,
            y + 4
        );
    }
    let n = bars.len().max(1) as u32;
    let slot = (WIDTH - LEFT) / n;
    let bar_w = (slot * 7 / 10).max(2);
    for (i, b) in bars.iter().enumerate() {
        let x = LEFT + slot * i as u32 + (slot - bar_w) / 2;
        let total: u64 = b.counts.iter().sum();
        let mut y = f64::from(TOP + plot_h);
        for (k, count) in b.counts.iter().enumerate() {
            if total == 0 || *count == 0 {
                continue;
            }
            let h = f64::from(plot_h) * *count as f64 / total as f64;
            y -= h;
            let share = *count as f64 * 100.0 / total as f64;
            let _ = write!(
                s,
                "<rect x=\"{x}\" y=\"{y:.1}\" width=\"{bar_w}\" height=\"{h:.1}\" fill=\"{}\"><title>{}: {}, {} ({share:.0} %)</title></rect>",
                FILLS[k],
                escape(&b.label),
                escape(&names[k]),
                count
            );
        }
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#333\">{}</text>",
            x + bar_w / 2,
            HEIGHT - BOTTOM + 16,
            escape(&b.label)
        );
    }
    // The legend, under the axis labels.
    let mut lx = LEFT;
    for (k, name) in names.iter().enumerate() {
        let _ = write!(
            s,
            "<rect x=\"{lx}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{}\"/><text x=\"{}\" y=\"{}\" font-size=\"12\" fill=\"#222\">{}</text>",
            HEIGHT + 4,
            FILLS[k],
            lx + 16,
            HEIGHT + 14,
            escape(name)
        );
        lx += 30 + 8 * name.chars().count() as u32;
    }
    s.push_str("</svg>");
    s
}

fn escape(t: &str) -> String {
    t.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_stack_to_the_full_height_and_text_is_escaped() {
        let names = [
            "a".to_owned(),
            "b".to_owned(),
            "c".to_owned(),
            "<d>".to_owned(),
        ];
        let svg = stacked_shares(
            &[
                Bar {
                    label: "2026-01".into(),
                    counts: [1, 1, 1, 1],
                },
                Bar {
                    label: "<x>".into(),
                    counts: [0, 0, 0, 0],
                },
            ],
            &names,
            "chart \"q\"",
        );
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert_eq!(
            svg.matches("<title>").count(),
            4,
            "one segment per non-empty status"
        );
        assert!(svg.contains("&lt;x&gt;") && !svg.contains("<x>"));
        assert!(svg.contains("&lt;d&gt;") && svg.contains("aria-label=\"chart &quot;q&quot;\""));
        // Four quarters of a 208-unit plot.
        assert_eq!(svg.matches("height=\"52.0\"").count(), 4);
    }
}
