using Concord.Flow.Control;

namespace Concord.Flow.Store;

/// <summary>Which jobs to list, newest first: a window of <paramref name="Limit"/> jobs after skipping <paramref name="Offset"/>.</summary>
/// <param name="State">Only jobs in this state; any state when null.</param>
/// <param name="IdContains">Only jobs whose id contains this text, ignoring case; every job when null or empty.</param>
public sealed record JobQuery(int Offset, int Limit, TaskState? State = null, string? IdContains = null);

/// <summary>One window of a job listing, and how many jobs match the query in all.</summary>
public sealed record JobPage(IReadOnlyList<JobRecord> Jobs, int Total);
