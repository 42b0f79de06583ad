using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Concord.Data.Tests;

/// <summary>Properties of the low-level pieces, checked on generated input.</summary>
public sealed class ParsingPropertyTests
{
    private static readonly char[] FieldChars = "ab1.-é ,\"x".ToCharArray();

    [Fact]
    public void Quoting_any_fields_and_splitting_the_line_gives_the_fields_back()
    {
        var fields = Gen.Elements(FieldChars).ArrayOf().Select(chars => new string(chars).Trim()).ArrayOf()
            .Where(a => a.Length > 0);
        Prop.ForAll(fields.ToArbitrary(), values =>
        {
            var line = Encoding.UTF8.GetBytes(string.Join(",", values.Select(v => "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")));
            var ranges = new Range[values.Length];
            Assert.Equal(values.Length, FieldSplitter.Split(line, (byte)',', ranges));
            Assert.Equal(values, ranges.Select(r => Utf8Field.ToText(line.AsSpan()[r])));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Any_finite_double_written_round_trip_parses_to_itself()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<double>().Filter(double.IsFinite), value =>
        {
            var text = Encoding.UTF8.GetBytes(value.ToString("R", CultureInfo.InvariantCulture));
            Assert.Equal(NumberOutcome.Number, Utf8Field.ParseNumber(text, out var parsed));
            Assert.Equal(value, parsed);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void The_decimal_fast_path_gives_exactly_the_general_parser_s_double()
    {
        var decimals =
            from sign in Gen.Elements("", "-", "+")
            from digits in Gen.Choose(0, 9).Select(d => (char)('0' + d)).ArrayOf()
            from point in Gen.Choose(-1, 20)
            where digits.Length > 0
            select sign + (point >= 0 && point <= digits.Length
                ? new string(digits, 0, point) + "." + new string(digits, point, digits.Length - point)
                : new string(digits));
        var accepted = 0;
        Prop.ForAll(decimals.ToArbitrary(), text =>
        {
            var expected = double.Parse(text, CultureInfo.InvariantCulture);
            if (DecimalFastPath.TryParse(Encoding.ASCII.GetBytes(text), out var fast))
            {
                accepted++;
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(fast));
            }
        }).QuickCheckThrowOnFailure();
        Assert.True(accepted > 20, $"only {accepted} of 100 cases took the fast path");
        Assert.False(DecimalFastPath.TryParse("1e5"u8, out _));
        Assert.False(DecimalFastPath.TryParse("1234567890.123456"u8, out _));
    }

    [Fact]
    public void Natural_order_sorts_numbered_names_by_their_numbers_and_is_a_total_order()
    {
        Prop.ForAll(Gen.Choose(0, 5000).ArrayOf().ToArbitrary(), numbers =>
        {
            var names = numbers.Distinct().Select(n => $"x{n}").ToArray();
            Assert.Equal(numbers.Distinct().Order().Select(n => $"x{n}"), names.Order(NaturalOrder.Instance));
        }).QuickCheckThrowOnFailure();
        var strings = Gen.Elements("x0", "x00", "x1", "x01", "x10", "y", "x", "1", "a1b2", "a1b10", "a01b2");
        Prop.ForAll(strings.ToArbitrary(), strings.ToArbitrary(), strings.ToArbitrary(), (a, b, c) =>
        {
            var order = NaturalOrder.Instance;
            Assert.Equal(Math.Sign(order.Compare(a, b)), -Math.Sign(order.Compare(b, a)));
            Assert.Equal(a == b, order.Compare(a, b) == 0);
            if (order.Compare(a, b) <= 0 && order.Compare(b, c) <= 0)
            {
                Assert.True(order.Compare(a, c) <= 0);
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Column_stats_match_a_direct_computation()
    {
        var values = Gen.Frequency((1, Gen.Constant(double.NaN)), (4, Gen.Choose(-50, 50).Select(i => i / 4.0))).ArrayOf();
        Prop.ForAll(values.ToArbitrary(), column =>
        {
            var stats = ColumnStats.Of(column);
            var present = column.Where(v => !double.IsNaN(v)).ToArray();
            Assert.Equal((column.Length, column.Length - present.Length), (stats.Count, stats.Missing));
            if (present.Length == 0)
            {
                Assert.True(double.IsNaN(stats.Mean));
                return;
            }
            var mean = present.Average();
            Assert.Equal((present.Min(), present.Max()), (stats.Min, stats.Max));
            Assert.Equal(mean, stats.Mean, 1e-9);
            Assert.Equal(Math.Sqrt(present.Select(v => (v - mean) * (v - mean)).Average()), stats.StdDev, 1e-9);
            var distinct = present.GroupBy(v => v).OrderBy(g => g.Key).Select(g => KeyValuePair.Create(g.Key, g.Count())).ToList();
            Assert.Equal(distinct.Count <= ColumnStats.MaxDistinct ? distinct : null, stats.Distinct);
        }).QuickCheckThrowOnFailure();
    }
}
