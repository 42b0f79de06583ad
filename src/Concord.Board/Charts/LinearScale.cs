namespace Concord.Board.Charts;

/// <summary>Maps a data interval onto a pixel interval (reversed for a y axis, whose pixels grow downwards).</summary>
public readonly record struct LinearScale(double DomainMin, double DomainMax, double RangeMin, double RangeMax)
{
    public double Map(double value) => RangeMin + ((value - DomainMin) / (DomainMax - DomainMin) * (RangeMax - RangeMin));

    /// <summary>The data value drawn at pixel <paramref name="pixel"/>: what a reader of the figure recovers.</summary>
    public double Invert(double pixel) => DomainMin + ((pixel - RangeMin) / (RangeMax - RangeMin) * (DomainMax - DomainMin));
}
