using System.Globalization;

namespace DigitalTrade.Graph.Explorer;

/// <summary>
/// One series of a table as SVG bars or lines, one colour per economy (named in the legend), the unit on the
/// axis, and each mark's printed value in its hover title (and written on the mark when there are few).
/// </summary>
internal static class IndicatorChart
{
    private static readonly string[] Palette = ["#2166ac", "#b2182b", "#1b7837", "#5e3c99", "#a0661b", "#01665e", "#c51b7d", "#4d4d4d", "#d6604d", "#8c510a"];

    private const int LabelledMarks = 16;

    public static string Svg(IReadOnlyList<Observation> observations, Series series, Func<string, Bilingual> economyName, bool lines, string label)
    {
        // Values are printed text ("1,234.5", "—"): those the API reads as numbers are drawn; the table shows them all.
        var points = observations.Where(o => o.Number is not null).Select(o => (o, Number: o.Number!.Value)).ToList();
        if (points.Count == 0)
        {
            return "<p class=\"muted\">No numeric values to draw.</p>";
        }

        var periods = points.Select(p => p.o.Period).Distinct().Order(StringComparer.Ordinal).ToList();
        var economies = points.Select(p => p.o.Economy).Distinct().ToList();
        var max = Math.Max(points.Max(p => p.Number), 0);
        var min = Math.Min(points.Min(p => p.Number), 0);
        const double Width = 680, Height = 280, Left = 64, Bottom = 40, Top = 28;
        var plotHeight = Height - Bottom - Top;
        var slot = (Width - Left - 8) / periods.Count;
        double Y(double v) => Top + (plotHeight * (max - v) / (max - min == 0 ? 1 : max - min));
        var labelled = points.Count <= LabelledMarks;

        var svg = new Html().Open("svg", $"class=\"chart-svg\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" {Html.Attr("aria-label", label)}");
        svg.El("text", series.Unit, $"x=\"4\" y=\"14\" class=\"unit\" lang=\"zh\"");
        svg.Raw($"<line x1=\"{Left}\" y1=\"{F(Y(0))}\" x2=\"{Width}\" y2=\"{F(Y(0))}\" class=\"axis\"/><line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" class=\"axis\"/>");
        foreach (var tick in new[] { max, min, (max + min) / 2 }.Distinct())
        {
            svg.El("text", F(tick), $"x=\"{Left - 6}\" y=\"{F(Y(tick) + 4)}\" text-anchor=\"end\" class=\"tick\"");
        }

        for (var i = 0; i < periods.Count; i++)
        {
            svg.El("text", periods[i], $"x=\"{F(Left + (slot * (i + 0.5)))}\" y=\"{Height - 20}\" text-anchor=\"middle\" class=\"tick\"");
        }

        var barWidth = slot * 0.8 / economies.Count;
        for (var e = 0; e < economies.Count; e++)
        {
            var colour = Palette[e % Palette.Length];
            var name = economyName(economies[e]);
            var mine = points.Where(p => p.o.Economy == economies[e]).OrderBy(p => p.o.Period, StringComparer.Ordinal).ToList();
            if (lines)
            {
                var polyline = string.Join(' ', mine.Select(p => $"{F(Left + (slot * (periods.IndexOf(p.o.Period) + 0.5)))},{F(Y(p.Number))}"));
                svg.Raw($"<polyline points=\"{polyline}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>");
            }

            foreach (var (o, number) in mine)
            {
                var x = Left + (slot * periods.IndexOf(o.Period));
                var title = $"{name.Zh} {name.En} {o.Period}: {o.Value} {o.Unit}";
                double cx, top;
                if (lines)
                {
                    cx = x + (slot / 2);
                    top = Y(number);
                    svg.Open("circle", $"cx=\"{F(cx)}\" cy=\"{F(top)}\" r=\"4\" fill=\"{colour}\" class=\"mark\" tabindex=\"0\"").El("title", title).Close("circle");
                }
                else
                {
                    top = Math.Min(Y(number), Y(0));
                    cx = x + (slot * 0.1) + (barWidth * e) + (barWidth / 2);
                    svg.Open("rect", $"x=\"{F(x + (slot * 0.1) + (barWidth * e))}\" y=\"{F(top)}\" width=\"{F(barWidth)}\" height=\"{F(Math.Max(1, Math.Abs(Y(number) - Y(0))))}\" fill=\"{colour}\" class=\"mark\" tabindex=\"0\"")
                        .El("title", title).Close("rect");
                }

                if (labelled)
                {
                    svg.El("text", o.Value, $"x=\"{F(cx)}\" y=\"{F(top - 4)}\" text-anchor=\"middle\" class=\"value\" aria-hidden=\"true\"");
                }
            }
        }

        svg.Close("svg").Open("ul", "class=\"legend\"");
        for (var e = 0; e < economies.Count; e++)
        {
            svg.Open("li").Raw($"<svg class=\"swatch\" viewBox=\"0 0 10 10\" aria-hidden=\"true\"><rect width=\"10\" height=\"10\" fill=\"{Palette[e % Palette.Length]}\"/></svg>").Label(economyName(economies[e])).Close("li");
        }

        return svg.Close("ul").ToString();
    }

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
