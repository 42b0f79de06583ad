using Concord.Flow.Control;

namespace Concord.Board;

/// <summary>Where the board's pages live; every link is built here, so an id is escaped once and the same way.</summary>
public static class BoardPaths
{
    public const string Root = "/board";

    public const string SignIn = $"{Root}/sign-in";

    public const string SignOut = $"{Root}/sign-out";

    public const string Static = $"{Root}/static";

    public static string Jobs => $"{Root}/jobs";

    public static string Data => $"{Root}/data";

    public static string Models => $"{Root}/models";

    public static string Serving => $"{Root}/serving";

    /// <summary>The jobs list: one page of it, optionally only one state's jobs and those whose id contains some text.</summary>
    public static string JobList(int page = 1, TaskState? state = null, string? search = null)
    {
        var query = new List<string>();
        if (state is { } s)
        {
            query.Add($"state={StateName(s)}");
        }
        if (!string.IsNullOrEmpty(search))
        {
            query.Add($"q={Uri.EscapeDataString(search)}");
        }
        if (page > 1)
        {
            query.Add($"page={page}");
        }
        return query.Count == 0 ? Jobs : $"{Jobs}?{string.Join('&', query)}";
    }

    public static string Job(string jobId) => $"{Root}/jobs/{Uri.EscapeDataString(jobId)}";

    public static string JobEvents(string jobId) => $"{Job(jobId)}/events";

    /// <summary>The confirmation page of an action on a job (stop, resume, rerun), and where its form posts.</summary>
    public static string JobAction(string jobId, string action) => $"{Job(jobId)}/{action}";

    public static string Component(string jobId, string component) => $"{Job(jobId)}/components/{Uri.EscapeDataString(component)}";

    public static string Compare(IEnumerable<string> jobIds) => $"{Root}/compare?jobs={string.Join(',', jobIds.Select(Uri.EscapeDataString))}";

    public static string Table(string tableNamespace, string name) => $"{Data}/{Uri.EscapeDataString(tableNamespace)}/{Uri.EscapeDataString(name)}";

    public static string ModelExport(string modelId, int version) => $"{Models}/{Uri.EscapeDataString(modelId)}/{version}/export";

    public static string Asset(string file) => $"{Static}/{file}";

    /// <summary>A state as the board writes it in URLs, attributes and CSS classes: running, pending_approval.</summary>
    public static string StateName(TaskState state) => state switch
    {
        TaskState.PendingApproval => "pending_approval",
        _ => state.ToString().ToLowerInvariant(),
    };
}
