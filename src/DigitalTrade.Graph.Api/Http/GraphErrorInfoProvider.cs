using System.Text.RegularExpressions;
using GraphQL;
using GraphQL.Execution;
using Microsoft.AspNetCore.Http;

namespace DigitalTrade.Graph.Api.Http;

/// <summary>
/// Shapes every error a client sees: no exception details, the request id (also in the log
/// events of the request) and, for limits, which limit with its value and maximum. Field
/// suggestions ("Did you mean …?") are removed when switched off, since they reveal the schema.
/// </summary>
internal sealed partial class GraphErrorInfoProvider(IHttpContextAccessor http, GraphApiOptions options)
    : ErrorInfoProvider(new ErrorInfoProviderOptions { ExposeExceptionDetails = false, ExposeData = false, ExposeCodes = false })
{
    [GeneratedRegex(@"\s*Did you mean [^?]*\?", RegexOptions.CultureInvariant)]
    private static partial Regex Suggestion();

    public override ErrorInfo GetInfo(ExecutionError executionError)
    {
        var info = base.GetInfo(executionError);
        var extensions = info.Extensions ?? new Dictionary<string, object?>();
        if (executionError is LimitExceededError limit)
        {
            extensions["limit"] = limit.Violation.Limit;
            extensions["value"] = limit.Violation.Value;
            extensions["maximum"] = limit.Violation.Maximum;
        }

        if (executionError is SuggestingError suggesting)
        {
            extensions["suggestions"] = suggesting.Suggestions;
        }

        if (http.HttpContext?.TraceIdentifier is { } requestId)
        {
            extensions["requestId"] = requestId;
        }

        var message = options.FieldSuggestions ? info.Message : Suggestion().Replace(info.Message, string.Empty);
        return new ErrorInfo { Message = message, Extensions = extensions };
    }
}

/// <summary>An error naming what the client may have meant (keys), served as <c>extensions.suggestions</c> so front-ends can offer them.</summary>
internal sealed class SuggestingError(string message, IReadOnlyList<string> suggestions) : ExecutionError(message)
{
    public IReadOnlyList<string> Suggestions { get; } = suggestions;
}
