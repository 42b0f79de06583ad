namespace Concord.Data;

/// <summary>How much of a source file a read consumed.</summary>
/// <param name="FileBytes">Bytes of the file itself; all of it once a read has succeeded.</param>
/// <param name="TextBytes">Bytes of text they held: the decompressed size of a gzip file, else the same.</param>
public sealed record SourceBytes(long FileBytes, long TextBytes, bool Gzip);
