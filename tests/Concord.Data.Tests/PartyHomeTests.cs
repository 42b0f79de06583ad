namespace Concord.Data.Tests;

public sealed class PartyHomeTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_root_is_the_option_else_CONCORD_HOME_else_dot_concord()
    {
        // The only test that touches the variable, and it puts it back.
        var saved = Environment.GetEnvironmentVariable(PartyHome.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(PartyHome.EnvironmentVariable, _dir.Path);
            Assert.Equal(Path.GetFullPath("elsewhere"), PartyHome.Root("elsewhere"));
            Assert.Equal(_dir.Path, PartyHome.Root());
            Environment.SetEnvironmentVariable(PartyHome.EnvironmentVariable, null);
            Assert.Equal(Path.Combine(Environment.CurrentDirectory, ".concord"), PartyHome.Root());
        }
        finally
        {
            Environment.SetEnvironmentVariable(PartyHome.EnvironmentVariable, saved);
        }
    }

    [Fact]
    public void A_party_lives_in_party_dash_id_under_the_root()
    {
        Assert.Equal(Path.Combine(_dir.Path, "party-9999"), PartyHome.Of("9999", _dir.Path));
        Assert.Throws<ArgumentException>(() => PartyHome.Of("../9999", _dir.Path));
    }

    [Fact]
    public void The_party_is_the_one_named_or_else_the_only_one_there()
    {
        Assert.Equal("10000", PartyHome.ResolvePartyId("10000", _dir.Path));
        var none = Assert.Throws<InvalidOperationException>(() => PartyHome.ResolvePartyId(null, _dir.Path));
        Assert.Equal($"no party home under {_dir.Path} yet; name the party (--party ID)", none.Message);

        TableStore.Open(PartyHome.Of("9999", _dir.Path));
        Assert.Equal("9999", PartyHome.ResolvePartyId(null, _dir.Path));

        TableStore.Open(PartyHome.Of("10000", _dir.Path));
        Assert.Equal(["10000", "9999"], PartyHome.ExistingParties(_dir.Path));
        var several = Assert.Throws<InvalidOperationException>(() => PartyHome.ResolvePartyId(null, _dir.Path));
        Assert.Equal($"several parties have a home under {_dir.Path} (10000, 9999); name one (--party ID)", several.Message);
    }
}
