namespace Concord.Board;

/// <summary>Where the board's pages live; every link is built here, so an id is escaped once and the same way.</summary>
public static class BoardPaths
{
    public const string Root = "/board";

    public static string Jobs => $"{Root}/jobs";

    public static string Job(string jobId) => $"{Root}/jobs/{Uri.EscapeDataString(jobId)}";
}
