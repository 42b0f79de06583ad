using System.Runtime.CompilerServices;

// Tests pin encryption randomness (a fixed DJN exponent) to compare paths and backends exactly.
[assembly: InternalsVisibleTo("Concord.Crypto.Tests")]
