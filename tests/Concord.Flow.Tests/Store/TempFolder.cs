namespace Concord.Flow.Tests.Store;

/// <summary>A scratch folder, removed afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Root = Directory.CreateTempSubdirectory("concord-store-tests-").FullName;
    }

    public string Root { get; }

    public string Path(string name) => System.IO.Path.Combine(Root, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
