namespace Concord.Data.Tests;

public class SensitiveIdsTests
{
    [Fact]
    public void A_marked_id_masks_to_the_same_digest_each_time_and_unmarked_text_is_left_alone()
    {
        var text = $"rows {SensitiveIds.Mark("alice")} and {SensitiveIds.Mark("bob")}, then {SensitiveIds.Mark("alice")} again; row 7 is fine";

        var masked = SensitiveIds.Mask(text);

        Assert.DoesNotContain("alice", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("bob", masked, StringComparison.Ordinal);
        var digests = System.Text.RegularExpressions.Regex.Matches(masked, "\u2039id:([0-9a-f]{8})\u203A").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(3, digests.Count);
        Assert.Equal(digests[0], digests[2]);
        Assert.NotEqual(digests[0], digests[1]);
        Assert.EndsWith("again; row 7 is fine", masked, StringComparison.Ordinal);
        Assert.Equal("no ids here", SensitiveIds.Mask("no ids here"));
    }
}
