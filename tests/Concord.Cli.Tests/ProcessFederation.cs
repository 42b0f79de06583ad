using Concord.Local;

namespace Concord.Cli.Tests;

/// <summary>Three node processes on loopback holding the demo's data, shared by the tests of one class.</summary>
public sealed class ProcessFederation : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("concord-process-").FullName;

    internal LocalFederation Federation { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Federation = LocalFederation.Create(_folder, HorizontalCredit.Guest, HorizontalCredit.Hosts);
        foreach (var party in HorizontalCredit.Parties)
        {
            Federation.Upload(party, HorizontalCredit.DataFile(party), HorizontalCredit.Table);
        }
        await Federation.StartAllAsync(null, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await Federation.StopAllAsync(null);
        await Federation.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
