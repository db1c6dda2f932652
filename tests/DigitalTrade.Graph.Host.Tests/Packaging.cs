namespace DigitalTrade.Graph.Host.Tests;

/// <summary>
/// Packing the tool and publishing the host both write the host's publish folders under src/…/bin and obj:
/// the tests doing it run one after the other.
/// </summary>
[CollectionDefinition(Name)]
public sealed class Packaging
{
    public const string Name = "Packaging";
}
