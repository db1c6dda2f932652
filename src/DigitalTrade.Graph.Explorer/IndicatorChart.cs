using System.Globalization;

namespace DigitalTrade.Graph.Explorer;

/// <summary>One series of a table as SVG bars or lines, one colour per economy; the printed value is each mark's hover title.</summary>
internal static class IndicatorChart
{
    public sealed record Observation(string Series, string Period, string Economy, string Value, string Unit);

    private static readonly string[] Palette = ["#2166ac", "#b2182b", "#1b7837", "#5e3c99", "#bf812d", "#01665e", "#c51b7d", "#4d4d4d", "#d6604d", "#8c510a"];

    public static string Svg(IReadOnlyList<Observation> observations, bool lines, string label)
    {
        // Values are printed text ("1,234.5", "—"): only those that parse are drawn; the table shows them all.
        var points = observations.Select(o => (o, Number: double.TryParse(o.Value.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : (double?)null))
            .Where(p => p.Number is not null).Select(p => (p.o, Number: p.Number!.Value)).ToList();
        if (points.Count == 0)
        {
            return "<p class=\"muted\">No numeric values to draw.</p>";
        }

        var periods = points.Select(p => p.o.Period).Distinct().Order(StringComparer.Ordinal).ToList();
        var economies = points.Select(p => p.o.Economy).Distinct().ToList();
        var max = Math.Max(points.Max(p => p.Number), 0);
        var min = Math.Min(points.Min(p => p.Number), 0);
        const double Width = 640, Height = 260, Left = 56, Bottom = 40, Top = 12;
        var plotHeight = Height - Bottom - Top;
        var slot = (Width - Left - 8) / periods.Count;
        double Y(double v) => Top + (plotHeight * (max - v) / (max - min == 0 ? 1 : max - min));

        var svg = new Html().Open("svg", $"class=\"chart-svg\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" {Html.Attr("aria-label", label)}");
        svg.Raw($"<line x1=\"{Left}\" y1=\"{F(Y(0))}\" x2=\"{Width}\" y2=\"{F(Y(0))}\" class=\"axis\"/>");
        svg.El("text", F(max), $"x=\"{Left - 4}\" y=\"{F(Top + 4)}\" text-anchor=\"end\" class=\"tick\"").El("text", F(min), $"x=\"{Left - 4}\" y=\"{F(Y(min))}\" text-anchor=\"end\" class=\"tick\"");
        for (var i = 0; i < periods.Count; i++)
        {
            svg.El("text", periods[i], $"x=\"{F(Left + (slot * (i + 0.5)))}\" y=\"{Height - 20}\" text-anchor=\"middle\" class=\"tick\"");
        }

        var barWidth = slot * 0.8 / economies.Count;
        for (var e = 0; e < economies.Count; e++)
        {
            var colour = Palette[e % Palette.Length];
            var mine = points.Where(p => p.o.Economy == economies[e]).OrderBy(p => p.o.Period, StringComparer.Ordinal).ToList();
            if (lines)
            {
                var polyline = string.Join(' ', mine.Select(p => $"{F(Left + (slot * (periods.IndexOf(p.o.Period) + 0.5)))},{F(Y(p.Number))}"));
                svg.Raw($"<polyline points=\"{polyline}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>");
            }

            foreach (var (o, number) in mine)
            {
                var x = Left + (slot * periods.IndexOf(o.Period));
                var title = $"{o.Economy} {o.Period}: {o.Value} {o.Unit}";
                if (lines)
                {
                    svg.Open("circle", $"cx=\"{F(x + (slot / 2))}\" cy=\"{F(Y(number))}\" r=\"4\" fill=\"{colour}\" class=\"mark\"").El("title", title).Close("circle");
                }
                else
                {
                    var top = Math.Min(Y(number), Y(0));
                    svg.Open("rect", $"x=\"{F(x + (slot * 0.1) + (barWidth * e))}\" y=\"{F(top)}\" width=\"{F(barWidth)}\" height=\"{F(Math.Abs(Y(number) - Y(0)))}\" fill=\"{colour}\" class=\"mark\"")
                        .El("title", title).Close("rect");
                }
            }
        }

        svg.Close("svg");
        if (economies.Count > 1)
        {
            svg.Open("ul", "class=\"legend\"");
            for (var e = 0; e < economies.Count; e++)
            {
                svg.Open("li").Raw($"<span class=\"dot\" style=\"background:{Palette[e % Palette.Length]}\"></span>").Text(economies[e]).Close("li");
            }

            svg.Close("ul");
        }

        return svg.ToString();
    }

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
