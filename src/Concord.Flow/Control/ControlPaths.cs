namespace Concord.Flow.Control;

public static class ControlPaths
{
    public const string Health = "/control/v1/health";
    public const string Jobs = "/control/v1/jobs";
    public const string Tasks = "/control/v1/tasks";
    public const string Shutdown = "/control/v1/shutdown";

    public static string Task(string jobId) => $"{Tasks}/{Uri.EscapeDataString(jobId)}";
}
