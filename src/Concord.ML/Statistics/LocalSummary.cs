namespace Concord.ML.Statistics;

/// <summary>
/// What one party brings to the protocol, prepared before anything is sent, so that data the ring cannot carry
/// (an infinity, an overflow) stops every party at the start, with a message naming the column but not the value.
/// </summary>
internal sealed record LocalSummary(UInt128[] Moments, LocalExtremes Extremes)
{
    public static LocalSummary Of(NumericColumns columns) => new(ColumnMoments.Encode(columns), LocalExtremes.Of(columns));
}
