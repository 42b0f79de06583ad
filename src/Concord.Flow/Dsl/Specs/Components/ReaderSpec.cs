namespace Concord.Flow.Dsl.Specs.Components;

/// <summary>Reads a table the party has uploaded; each party usually names its own.</summary>
internal static class ReaderSpec
{
    public static ComponentSpec Spec { get; } = new("reader", "reads one of the party's uploaded tables")
    {
        Outputs = [OutputSpec.Data],
        Parameters =
        [
            Param.Table("table").Required().PerParty().Describe("the table this party reads, as { namespace, name }"),
            // A node never reads files a job names: only the standalone `concord run` uploads them, on one machine.
            Param.String("file").PerParty().Describe("for `concord run` only: a CSV file uploaded as the table before the job starts"),
            Param.String("label_name").PerParty().Describe("for `concord run` only: the label column of `file`, when it has one (default y)"),
        ],
    };
}
