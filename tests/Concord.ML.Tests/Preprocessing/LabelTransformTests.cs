using Concord.Data;
using Concord.ML.Preprocessing.LabelTransform;

namespace Concord.ML.Tests.Preprocessing;

/// <summary>
/// label_transform: an encoder fitted from the labels (sorted) or given, applied with the words kept beside the
/// numbers, replayed on new rows whose file numbered its words differently, and the encoders and labels it refuses.
/// </summary>
public sealed class LabelTransformTests
{
    /// <summary>A table as a file of words uploads it: codes into its label classes, the words in ordinal order.</summary>
    private static PartyTable Words(params string[] labels)
    {
        var classes = LabelClasses.Codes(labels.Distinct());
        var code = classes.Texts.Select((t, k) => (t, k)).ToDictionary(p => p.t, p => (double)p.k);
        return PartyTable.Create("id", [.. labels.Select((_, i) => $"r{i}")], ["x"], [[.. labels.Select((_, i) => (double)i)]],
            "y", [.. labels.Select(l => code[l])], labelClasses: classes);
    }

    [Fact]
    public void Without_an_encoder_the_sorted_labels_are_numbered_from_0_and_the_words_kept()
    {
        var table = Words("yes", "no", "yes", "maybe");

        var model = LabelTransformer.Fit(table, new LabelTransformOptions());
        var encoded = LabelTransformer.Transform(table, model);

        Assert.Equal(["maybe", "no", "yes"], model.Labels);
        Assert.Equal([0, 1, 2], model.Values);
        Assert.Equal([2.0, 1, 2, 0], encoded.Labels!);
        Assert.True(encoded.Schema.LabelClasses!.Encoded);
        Assert.False(encoded.Schema.HasTextLabels);
        Assert.Equal(["yes", "no", "yes", "maybe"], encoded.Labels!.Select(l => encoded.Schema.LabelClasses.TextOf(l)));
        Assert.Equal(table.Column(0).ToArray(), encoded.Column(0).ToArray());
    }

    [Fact]
    public void A_given_encoder_or_label_list_sets_the_numbers()
    {
        var table = Words("yes", "no", "no");

        var byEncoder = LabelTransformer.Transform(table, LabelTransformer.Fit(table, new LabelTransformOptions { LabelEncoder = new Dictionary<string, int> { ["yes"] = 1, ["no"] = -1 } }));
        var byList = LabelTransformer.Transform(table, LabelTransformer.Fit(table, new LabelTransformOptions { LabelList = ["yes", "no"] }));

        Assert.Equal([1.0, -1, -1], byEncoder.Labels!);
        Assert.Equal([0.0, 1, 1], byList.Labels!);
    }

    [Fact]
    public void Numeric_labels_are_named_as_written_and_sorted_by_value()
    {
        var table = PartyTable.Create("id", ["a", "b", "c"], [], [], "y", [10, 2, 1.5]);

        var model = LabelTransformer.Fit(table, new LabelTransformOptions());
        var mapped = LabelTransformer.Transform(table, LabelTransformer.Fit(table, new LabelTransformOptions { LabelEncoder = new Dictionary<string, int> { ["10"] = 1, ["2"] = 0, ["1.5"] = 2 } }));

        Assert.Equal(["1.5", "2", "10"], model.Labels);
        Assert.Equal([1.0, 0, 2], mapped.Labels!);
    }

    [Fact]
    public void A_replayed_model_encodes_new_rows_by_their_words_whatever_codes_their_file_gave_them()
    {
        var model = LabelTransformModel.FromBytes(LabelTransformer.Fit(Words("no", "yes"), new LabelTransformOptions()).ToBytes(), "model");
        // Alone in its file, "yes" is code 0 there; the fitted encoder still makes it 1.
        var fresh = Words("yes", "yes");

        var encoded = LabelTransformer.Transform(fresh, model);

        Assert.Equal([0.0], fresh.Labels!.Distinct());
        Assert.Equal([1.0, 1], encoded.Labels!);
    }

    [Fact]
    public void A_table_without_labels_passes_through()
    {
        var host = PartyTable.Create("id", ["a"], ["x"], [[1.0]]);

        var model = LabelTransformer.Fit(host, new LabelTransformOptions());

        Assert.Empty(model.Labels);
        Assert.Same(host, LabelTransformer.Transform(host, model));
    }

    [Fact]
    public void A_label_the_replayed_model_never_saw_is_refused_naming_it_and_the_column()
    {
        var model = LabelTransformer.Fit(Words("no", "yes"), new LabelTransformOptions());

        var error = Assert.Throws<ArgumentException>(() => LabelTransformer.Transform(Words("maybe"), model));

        Assert.Equal("the label \"maybe\" of column \"y\" is not in the fitted label_encoder (\"no\", \"yes\")", error.Message);
    }

    [Fact]
    public void An_encoder_missing_a_label_of_the_data_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            LabelTransformer.Fit(Words("no", "yes"), new LabelTransformOptions { LabelEncoder = new Dictionary<string, int> { ["yes"] = 1 } }));

        Assert.Equal("the label \"no\" of column \"y\" is not in label_encoder (\"yes\")", error.Message);
    }

    [Theory]
    [InlineData("encoder-twice", "label_encoder maps both \"yes\" and \"no\" to 1")]
    [InlineData("list-twice", "label_list names the label \"no\" twice")]
    [InlineData("list-differs", "label_list (\"yes\", \"maybe\") does not name the same labels as label_encoder (\"yes\", \"no\")")]
    public void Conflicting_options_are_refused_before_any_data(string which, string expected)
    {
        var options = which switch
        {
            "encoder-twice" => new LabelTransformOptions { LabelEncoder = new Dictionary<string, int> { ["yes"] = 1, ["no"] = 1 } },
            "list-twice" => new LabelTransformOptions { LabelList = ["no", "yes", "no"] },
            _ => new LabelTransformOptions { LabelEncoder = new Dictionary<string, int> { ["yes"] = 1, ["no"] = 0 }, LabelList = ["yes", "maybe"] },
        };

        Assert.Equal(expected, LabelTransformer.Conflict(options));
        Assert.Equal(expected, Assert.Throws<ArgumentException>(() => LabelTransformer.Fit(Words("no", "yes"), options)).Message);
    }

    [Fact]
    public void More_distinct_labels_than_the_limit_are_refused_naming_the_column()
    {
        var table = PartyTable.Create("id", [.. Enumerable.Range(0, LabelClasses.MaxClasses + 1).Select(i => $"r{i}")], [], [],
            "amount", [.. Enumerable.Range(0, LabelClasses.MaxClasses + 1).Select(i => (double)i)]);

        var error = Assert.Throws<ArgumentException>(() => LabelTransformer.Fit(table, new LabelTransformOptions()));

        Assert.Equal("label column \"amount\" holds more than 10,000 distinct values; a label names a class", error.Message);
    }
}
