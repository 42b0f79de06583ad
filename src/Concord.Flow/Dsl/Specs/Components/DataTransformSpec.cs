namespace Concord.Flow.Dsl.Specs.Components;

/// <summary>Label and feature selection, type casting and missing-value fill on each party's own table.</summary>
internal static class DataTransformSpec
{
    public static ComponentSpec Spec { get; } = new("data_transform", "selects the label and features, casts types and fills missing values")
    {
        Inputs = [InputSpec.Data()],
        Outputs = [OutputSpec.Data],
        Parameters =
        [
            // Hosts in vertical learning have no label, so the label and the features are a party's own business.
            Param.String("label_name").Default("y").PerParty().Describe("the label column, where the party has one"),
            Param.StringList("features").PerParty().Describe("the feature columns to keep; all when unset"),
            Param.StringList("exclude").PerParty().Describe("feature columns to drop"),
            Param.Enum("missing_fill", "none", "mean", "min", "max", "value").Default("none").PerParty()
                .Describe("how a missing value is filled: by the column's mean, min or max, or by missing_fill_value"),
            Param.Double("missing_fill_value").Default(0.0).PerParty().Describe("the fill value when missing_fill is value"),
            Param.Enum("label_type", "float", "int").Default("float").PerParty().Describe("int requires whole-number labels"),
            Param.Enum("data_type", "float", "int").Default("float").PerParty().Describe("int rounds every kept feature to a whole number"),
        ],
    };
}
