using Microsoft.Data.Sqlite;

namespace Concord.Data.Tests;

/// <summary>
/// A label column of words ("yes"/"no", class names): read as codes into the table's label classes (the texts in
/// ordinal order), stored and loaded with them, written back as the same words; and the files it refuses.
/// </summary>
public sealed class TextLabelTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Word_labels_are_read_as_codes_of_their_texts_in_ordinal_order()
    {
        var table = CsvTableReader.Read(_dir.File("t.csv", "id,y,x\na,yes,1\nb,no,2\nc,maybe,3\nd,yes,4\n"));

        Assert.Equal(["maybe", "no", "yes"], table.Schema.LabelClasses!.Texts);
        Assert.Equal([0.0, 1, 2], table.Schema.LabelClasses.Values);
        Assert.False(table.Schema.LabelClasses.Encoded);
        Assert.True(table.Schema.HasTextLabels);
        Assert.Equal([2.0, 1, 0, 2], table.Labels!);
    }

    [Fact]
    public void A_numeric_label_column_keeps_no_classes()
    {
        var table = CsvTableReader.Read(_dir.File("t.csv", "id,y,x\na,1,1\nb,0,2\n"));

        Assert.Null(table.Schema.LabelClasses);
        Assert.False(table.Schema.HasTextLabels);
    }

    [Fact]
    public async Task Word_labels_round_trip_through_the_store_and_back_to_csv_as_they_were_written()
    {
        const string Csv = "id,y,x\na,yes,1\nb,no,2\nc,\"a, b\",3\n";
        var table = CsvTableReader.Read(_dir.File("t.csv", Csv));
        var store = TableStore.Open(Path.Combine(_dir.Path, "home"));
        var name = new TableName("test", "words");

        store.Save(name, table);
        var loaded = TableStore.Open(store.HomeDirectory).Load(name);
        using var text = new StringWriter { NewLine = "\n" };
        await CsvTableWriter.WriteAsync(loaded, text);

        TableAssert.Same(table, loaded);
        Assert.Equal(table.Schema.LabelClasses, loaded.Schema.LabelClasses);
        Assert.Equal(Csv, text.ToString());
        TableAssert.Same(table, CsvTableReader.Read(_dir.File("again.csv", text.ToString())));
    }

    [Fact]
    public void A_transform_of_the_features_keeps_the_label_classes()
    {
        var table = CsvTableReader.Read(_dir.File("t.csv", "id,y,x\na,yes,1\nb,no,2\n"));

        var schema = table.Schema.WithFeatures([new Feature("z", FeatureKind.Real)]);

        Assert.Equal(table.Schema.LabelClasses, schema.LabelClasses);
    }

    [Fact]
    public void A_word_after_numeric_labels_is_refused_with_its_line_and_column()
    {
        var error = Assert.Throws<DataFormatException>(() => CsvTableReader.Read(_dir.File("t.csv", "id,y,x\na,1,1\nb,no,2\n")));

        Assert.Equal((3L, "y"), (error.Line, error.Column));
        Assert.Contains("\"no\" is not a number, and the label at line 2 was one", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_word_label_is_refused()
    {
        var error = Assert.Throws<DataFormatException>(() => CsvTableReader.Read(_dir.File("t.csv", "id,y,x\na,yes,1\nb,,2\n")));

        Assert.Equal((3L, "y", "the label is missing"), (error.Line, error.Column, error.Problem));
    }

    [Fact]
    public void More_distinct_words_than_the_limit_is_refused_naming_the_column_and_the_limit()
    {
        var rows = Enumerable.Range(0, LabelClasses.MaxClasses + 1).Select(i => $"r{i},class{i},1");
        var path = _dir.File("t.csv", "id,kind,x\n" + string.Join("\n", rows) + "\n");

        var error = Assert.Throws<DataFormatException>(() => CsvTableReader.Read(path, new CsvReadOptions { LabelColumn = "kind" }));

        Assert.Equal((LabelClasses.MaxClasses + 2L, "kind"), (error.Line, error.Column));
        Assert.Contains("more than 10,000 distinct texts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Classes_that_give_two_texts_one_number_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new LabelClasses(["yes", "no"], [1, 1], encoded: true));

        Assert.Equal("the labels \"yes\" and \"no\" both stand for 1", error.Message);
    }

    [Fact]
    public void A_label_that_is_no_class_number_is_refused_by_the_table()
    {
        var classes = new LabelClasses(["no", "yes"], [0, 1], encoded: true);

        var error = Assert.Throws<ArgumentException>(() => PartyTable.Create("id", ["a"], [], [], "y", [2], labelClasses: classes));

        Assert.Contains("the label 2 of column \"y\" is none of its 2 classes' numbers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_store_written_before_label_classes_opens_and_then_keeps_them()
    {
        var home = Path.Combine(_dir.Path, "old");
        var store = TableStore.Open(home);
        store.Save(new TableName("test", "numbers"), CsvTableReader.Read(_dir.File("n.csv", "id,y,x\na,1,1\n")));
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(home, TableStore.DatabaseFile)};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "ALTER TABLE tables DROP COLUMN label_classes_json; PRAGMA user_version = 1;";
            command.ExecuteNonQuery();
        }

        var reopened = TableStore.Open(home);
        var words = CsvTableReader.Read(_dir.File("w.csv", "id,y,x\na,yes,1\n"));
        reopened.Save(new TableName("test", "words"), words);

        Assert.Null(reopened.Load(new TableName("test", "numbers")).Schema.LabelClasses);
        Assert.Equal(["yes"], reopened.Load(new TableName("test", "words")).Schema.LabelClasses!.Texts);
    }
}
