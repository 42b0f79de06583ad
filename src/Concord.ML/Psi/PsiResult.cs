namespace Concord.ML.Psi;

/// <summary>
/// One party's outcome: the rows of its own table that hold the shared ids, ordered by id (ordinal), or null
/// at a host when only the guest receives the intersection.
/// </summary>
public sealed record PsiResult(int[]? Rows, int LocalCount, PsiTimings Timings);
