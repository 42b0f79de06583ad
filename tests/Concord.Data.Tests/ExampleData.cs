namespace Concord.Data.Tests;

/// <summary>The repository's examples/data, found by walking up from the test binaries to the folder holding Concord.slnx.</summary>
internal static class ExampleData
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Concord.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"no Concord.slnx above {AppContext.BaseDirectory}");
    });

    /// <summary>The clone's root folder.</summary>
    public static string Repository => Root.Value;

    public static string PathOf(string fileName) => Path.Combine(Root.Value, "examples", "data", fileName);
}
