using Concord.Data.Tests;

namespace Concord.Board.BrowserTests;

/// <summary>Where the browser tests leave what a person looks at afterwards: artifacts/ at the clone's root, git-ignored.</summary>
internal static class Artifacts
{
    public static string Root => Directory.CreateDirectory(Path.Combine(ExampleData.Repository, "artifacts")).FullName;

    /// <summary>A folder under artifacts/, created if missing.</summary>
    public static string Folder(string name) => Directory.CreateDirectory(Path.Combine(Root, name)).FullName;
}
