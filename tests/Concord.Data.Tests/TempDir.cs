namespace Concord.Data.Tests;

/// <summary>A scratch folder per test, removed afterwards.</summary>
internal sealed class TempDir : IDisposable
{
    private const string SharedMemory = "/dev/shm";

    /// <param name="inMemory">
    /// In RAM where the machine has a tmpfs: for tests that write thousands of small files, each of which costs
    /// milliseconds on a busy disk.
    /// </param>
    public TempDir(bool inMemory = false)
    {
        Path = inMemory && Directory.Exists(SharedMemory)
            ? Directory.CreateDirectory(System.IO.Path.Combine(SharedMemory, $"concord-data-tests-{Guid.NewGuid():N}")).FullName
            : Directory.CreateTempSubdirectory("concord-data-tests-").FullName;
    }

    public string Path { get; }

    public string File(string name, string content)
    {
        var path = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Every file under a folder, relative to it: what a failed save must not leave behind.</summary>
    public static string[] FilesUnder(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => System.IO.Path.GetRelativePath(folder, f)).ToArray()
            : [];

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
