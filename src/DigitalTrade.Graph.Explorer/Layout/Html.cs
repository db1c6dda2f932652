using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace DigitalTrade.Graph.Explorer;

/// <summary>A small HTML writer: every text goes through <see cref="Text"/>; raw markup is only ours (and the sanitised narrative).</summary>
internal sealed class Html
{
    // All ranges: Chinese stays readable (and half the bytes) instead of numeric references.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    // Chinese as characters (half the bytes); the encoder still escapes < > & ' " as \uXXXX.
    private static readonly System.Text.Json.JsonSerializerOptions DataJson = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    private readonly StringBuilder _out = new();

    public static string Encode(string? text) => Encoder.Encode(text ?? string.Empty);

    public Html Raw(string html)
    {
        _out.Append(html);
        return this;
    }

    public Html Text(string? text)
    {
        _out.Append(Encode(text));
        return this;
    }

    /// <summary>An element with encoded text content.</summary>
    public Html El(string tag, string? text, string? attributes = null) =>
        Open(tag, attributes).Text(text).Close(tag);

    public Html Open(string tag, string? attributes = null)
    {
        _out.Append('<').Append(tag);
        if (!string.IsNullOrEmpty(attributes))
        {
            _out.Append(' ').Append(attributes);
        }

        _out.Append('>');
        return this;
    }

    public Html Close(string tag)
    {
        _out.Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>An attribute with an encoded value, for <see cref="Open"/>.</summary>
    public static string Attr(string name, string? value) => $"{name}=\"{Encode(value)}\"";

    /// <summary>A path with the given query parameters, empty ones left out.</summary>
    public static string Href(string path, params (string Name, string? Value)[] parameters) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(path, parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => KeyValuePair.Create(p.Name, p.Value)));

    public static string EntityHref(string key) => "/entity/" + string.Join('/', key.Split('/').Select(Uri.EscapeDataString));

    /// <summary>A bilingual name: Chinese and English each marked with its language.</summary>
    public Html Name(JsonNode? name)
    {
        var zh = name?["zh"]?.GetValue<string>();
        var en = name?["en"]?.GetValue<string>();
        El("span", zh, "lang=\"zh\"");
        if (!string.IsNullOrEmpty(en) && en != zh)
        {
            Raw(" ").El("span", en, "lang=\"en\" class=\"en\"");
        }

        return this;
    }

    public Html EntityLink(JsonNode? node)
    {
        var key = node?["key"]?.GetValue<string>() ?? string.Empty;
        return Open("a", Attr("href", EntityHref(key))).Name(node?["name"]).Close("a");
    }

    /// <summary>Search snippets mark matches with &lt;em&gt;: everything else is encoded.</summary>
    public Html Snippet(string? snippet) =>
        Raw(Encode(WebUtility.HtmlDecode(snippet ?? string.Empty)).Replace("&lt;em&gt;", "<em>", StringComparison.Ordinal).Replace("&lt;/em&gt;", "</em>", StringComparison.Ordinal));

    public Html ErrorList(IReadOnlyList<string> errors)
    {
        if (errors.Count == 0)
        {
            return this;
        }

        Open("div", "class=\"errors\" role=\"alert\"").Open("ul");
        foreach (var error in errors)
        {
            El("li", error);
        }

        return Close("ul").Close("div");
    }

    /// <summary>Both languages of a label, each marked with its language.</summary>
    public Html Label(Bilingual label) => label.Zh == label.En
        ? El("span", label.En)
        : El("span", label.Zh, "lang=\"zh\"").Raw(" ").El("span", label.En, "lang=\"en\" class=\"en\"");

    /// <summary>The kind's colour as a dot: a class, since the CSP refuses style attributes.</summary>
    public Html Dot(string? kind) => Raw($"<span class=\"dot k-{Encode(kind)}\" aria-hidden=\"true\"></span>");

    /// <summary>A kind marker: dot and bilingual kind name.</summary>
    public Html KindTag(string? kind) => Open("span", "class=\"kind-tag\"").Dot(kind).Label(Labels.Kind(kind)).Close("span");

    /// <summary>An &lt;option&gt;, selected when its value is the current one.</summary>
    public Html Option(string value, string? selected, string label) =>
        Raw($"<option {Attr("value", value)}{(value == selected ? " selected" : string.Empty)}>{Encode(label)}</option>");

    /// <summary>JSON for a script to read, in a data block (&lt;script type="application/json"&gt;): never executed, so the CSP allows it.</summary>
    public Html JsonData(string id, object value)
    {
        // "<" escaped so no "</script>" can close the block early, whatever the data holds.
        var json = System.Text.Json.JsonSerializer.Serialize(value, DataJson).Replace("<", "\\u003c", StringComparison.Ordinal);
        return Raw($"<script type=\"application/json\" id=\"{Encode(id)}\">").Raw(json).Raw("</script>");
    }

    public override string ToString() => _out.ToString();
}
