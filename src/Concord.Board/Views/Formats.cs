using System.Globalization;
using Concord.Flow.Control;
using Concord.Flow.Store;

namespace Concord.Board.Views;

/// <summary>How the board writes times, durations and rosters: the same way on every page, and in UTC.</summary>
public static class Formats
{
    public static string Time(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "Z" : "—";

    /// <summary>How long a job or task ran, or has run so far when it has not ended.</summary>
    public static string Duration(DateTimeOffset? started, DateTimeOffset? ended, DateTimeOffset now)
    {
        if (started is not { } s)
        {
            return "—";
        }
        var span = (ended ?? now) - s;
        return span.TotalHours >= 1 ? $"{(int)span.TotalHours} h {span.Minutes:00} min"
            : span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes} min {span.Seconds:00} s"
            : $"{span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s";
    }

    public static string Duration(JobRecord job, DateTimeOffset now) => Duration(job.StartedAt, job.EndedAt, now);

    public static string Parties(RosterSpec roster)
    {
        var parts = new List<string> { $"guest {roster.Guest}" };
        if (roster.Hosts.Count > 0)
        {
            parts.Add($"host{(roster.Hosts.Count > 1 ? "s" : "")} {string.Join(", ", roster.Hosts)}");
        }
        if (roster.Arbiter is int arbiter)
        {
            parts.Add($"arbiter {arbiter}");
        }
        return string.Join("; ", parts);
    }

    /// <summary>How board.js finds a task's row: component and party, as the job's events name them.</summary>
    public static string TaskId(TaskKey key) => $"{key.Component}/{key.Party.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Where a log line comes from, written the same way on the page and in its events.</summary>
    public static string LogWhere(TaskKey key) => $"{key.Component} · party {key.Party.ToString(CultureInfo.InvariantCulture)}";
}
