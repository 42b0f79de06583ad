namespace Concord.Board.BrowserTests;

/// <summary>
/// Every browser test shares one federation and one Chromium and runs one at a time: on two cores, starting nodes
/// per class would cost more than the tests, and a test that acts mid-job must not starve for a neighbour's job.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BoardCollection : ICollectionFixture<BoardFederation>
{
    public const string Name = "board in a browser";
}
