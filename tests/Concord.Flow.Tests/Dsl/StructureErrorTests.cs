using Concord.Flow.Dsl;
using Concord.Flow.Dsl.Specs;
using static Concord.Flow.Tests.Dsl.JobYaml;

namespace Concord.Flow.Tests.Dsl;

/// <summary>Files that are not YAML, and jobs whose parties, names, types or roles are wrong.</summary>
public sealed class StructureErrorTests
{
    [Fact]
    public void Malformed_yaml_reports_the_parser_s_line()
    {
        var yaml = Job($$"""
            {{Reader}}
            - { name: stats_0, type: statistics, inputs: { data: reader_0.data, slot: a: b } }
            """);
        AssertOnlyError(yaml, "not valid YAML: While parsing a flow mapping, did not find expected ',' or '}'", "slot: a: b", ": b");
    }

    [Fact]
    public void An_unclosed_brace_is_reported_where_the_file_stops_parsing()
    {
        // YamlDotNet fails here without a position; the error points at the last thing it could read.
        var yaml = Job($$"""
            {{Reader}}
            - name: stats_0
              inputs: { data: reader_0.data
            - name: other
            """);
        var error = SingleError(yaml);
        Assert.Contains("not valid YAML after this point; an unclosed bracket", error.Message, StringComparison.Ordinal);
        Assert.Equal(LineOf(yaml, "inputs: { data: reader_0.data"), error.Line);
    }

    [Theory]
    [InlineData("  type: reader", "\ttype: reader")]
    [InlineData("  guest: 9999", "\tguest: 9999")]
    [InlineData("  parameters: { table", "  parameters:\n\t  marker: 1\n  other: { table")]
    [InlineData("- name: reader_0", "\t- name: reader_0")]
    [InlineData("components:", "\tcomponents:")]
    public void A_tab_in_the_indentation_is_reported_at_the_tab(string line, string withTab)
    {
        var yaml = Job(Reader).Replace(line, withTab, StringComparison.Ordinal);
        var tabLine = yaml.Split('\n').Select((text, i) => (text, i)).First(l => l.text.TrimStart(' ').StartsWith('\t')).i + 1;
        var error = SingleError(yaml);
        Assert.Equal("not valid YAML: a tab in the indentation; YAML indents with spaces only", error.Message);
        Assert.Equal(tabLine, error.Line);
        Assert.Equal(yaml.Split('\n')[tabLine - 1].IndexOf('\t', StringComparison.Ordinal) + 1, error.Column);
    }

    [Fact]
    public void A_tab_between_a_key_and_its_value_is_no_error() =>
        Assert.Equal("reader", Parse(Job(Reader).Replace("type: reader", "type:\treader", StringComparison.Ordinal)).Components[0].Type);

    [Fact]
    public void A_key_given_twice_is_reported_at_the_second() =>
        AssertOnlyError(Job(Reader + "\n  type: statistics"), "Duplicate key", "type: statistics", "type");

    [Theory]
    [InlineData("", 1, "found an empty file")]
    [InlineData("- just\n- a list\n", 1, "found a list")]
    [InlineData("job: {}\n---\njob: {}\n", 3, "found 2 YAML documents")]
    public void A_file_that_is_not_one_mapping_says_what_it_is(string yaml, int line, string found)
    {
        var error = SingleError(yaml);
        Assert.Equal(line, error.Line);
        Assert.Contains(found, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_guest_points_at_the_parties_section()
    {
        var yaml = Job(Reader).Replace("  guest: 9999\n", "", StringComparison.Ordinal);
        var error = AssertOnlyError(yaml, "the job has no guest", "parties:");
        Assert.Equal("parties.guest", error.Where);
    }

    [Fact]
    public void A_job_without_parties_says_what_the_section_looks_like()
    {
        var error = SingleError("components:\n" + Reader);
        Assert.Equal(1, error.Line);
        Assert.Contains("the job names no parties; expected parties: { guest:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_party_in_two_roles_and_a_misspelt_role_key_are_reported()
    {
        var yaml = Job(Reader).Replace("arbiter: 10002", "arbiter: 10001\n  host: 10003", StringComparison.Ordinal);
        var errors = Fail(yaml).Errors;
        Assert.Equal(2, errors.Count);
        AssertError(errors[0], yaml, "party 10001 is already the host", "arbiter: 10001", "10001");
        AssertError(errors[1], yaml, "did you mean \"hosts\"?", "host: 10003", "host");
    }

    /// <summary>A reader whose table comes from a per-party section of the given key.</summary>
    private static string ReaderWithSection(string key) => Job($$"""
        - name: reader_0
          type: reader
          parameters: { table: { namespace: demo, name: credit } }
          parties:
            {{key}}: { table: { namespace: demo, name: other } }
        """);

    [Theory]
    [InlineData("10003", "unknown party 10003: the job's parties are 9999 (guest), 10000 (host), 10001 (host), 10002 (arbiter)")]
    [InlineData("hots", "unknown role \"hots\"; did you mean \"host\"?; expected a role (guest, host, arbiter) or a party id of this job")]
    [InlineData("arbiter", "reader runs only at guest, host, not at the arbiter")]
    [InlineData("10002", "party 10002 is the arbiter, and reader runs only at guest, host")]
    public void A_party_section_for_a_party_or_role_that_cannot_take_part_is_rejected_at_its_key(string key, string says)
    {
        var yaml = ReaderWithSection(key);
        var error = AssertOnlyError(yaml, says, $"{key}: {{", key);
        Assert.Equal($"reader_0.parties.{key}", error.Where);
    }

    [Fact]
    public void A_role_section_for_a_role_the_job_lacks_is_rejected()
    {
        var yaml = ReaderWithSection("host").Replace("  hosts: [10000, 10001]\n", "", StringComparison.Ordinal);
        AssertOnlyError(yaml, "the job has no host; its parties are 9999 (guest), 10002 (arbiter)", "host: {", "host");
    }

    [Fact]
    public void A_component_needing_a_role_the_job_lacks_says_so_at_its_type()
    {
        var yaml = Job($$"""
            {{Reader}}
            - { name: psi_0, type: psi, inputs: { data: reader_0.data } }
            """).Replace("  hosts: [10000, 10001]\n", "", StringComparison.Ordinal);
        AssertOnlyError(yaml, "psi needs at least one host, and the job's parties have none", "type: psi", "psi,");
    }

    [Fact]
    public void An_unknown_component_type_lists_the_known_types()
    {
        var yaml = Job($$"""
            {{Reader}}
            - { name: lr_0, type: hetero_lrr, inputs: { train_data: reader_0.data } }
            """);
        AssertOnlyError(yaml, "unknown component type \"hetero_lrr\"; did you mean \"hetero_lr\"?; known types: " + string.Join(", ", ComponentSpecs.Default.Types), "hetero_lrr");
    }

    [Fact]
    public void A_duplicate_component_name_points_at_the_second_and_names_the_first_s_line()
    {
        var yaml = Job($$"""
            {{Reader}}
            - { name: reader_0, type: reader, parameters: { table: { namespace: demo, name: other } } }
            """);
        var first = yaml.Split('\n').ToList().FindIndex(l => l == "- name: reader_0") + 1;
        AssertOnlyError(yaml, $"a component named \"reader_0\" is already defined at line {first}; names must be unique", "name: other", "reader_0");
    }

    [Theory]
    [InlineData("- { name: reader.0, type: reader, parameters: { table: { namespace: a, name: b } } }", "expected a name of letters, digits, _ or - (inputs refer to it as name.output), found \"reader.0\"", "reader.0")]
    [InlineData("- { type: reader, parameters: { table: { namespace: a, name: b } } }", "the component has no name", "{ type")]
    [InlineData("- just_a_word", "expected a component (name: ..., type: ...), found \"just_a_word\"", "just_a_word")]
    [InlineData("  []", "the job has no components", "[]")]
    [InlineData("  web: 1", "expected a list of components (- name: ..., type: ...), found a mapping", "web")]
    public void An_entry_that_is_not_a_named_component_is_reported(string components, string says, string at) =>
        AssertOnlyError(Job(components), says, at);

    [Fact]
    public void An_unknown_field_at_the_top_or_in_a_component_suggests_the_nearest()
    {
        var yaml = Job($$"""
            {{Reader}}
            - name: stats_0
              type: statistics
              input: { data: reader_0.data }
            """) + "\ncomponent: []";
        var errors = Fail(yaml).Errors;
        Assert.Equal(3, errors.Count);
        AssertError(errors[0], yaml, "statistics needs input \"data\"", "name: stats_0");
        AssertError(errors[1], yaml, "unknown field \"input\"; expected name, type, inputs, parameters, parties; did you mean \"inputs\"?", "input:", "input");
        AssertError(errors[2], yaml, "did you mean \"components\"?", "component: []", "component");
    }

    [Fact]
    public void Every_problem_is_reported_in_file_order_up_to_the_limit()
    {
        var components = string.Join("\n", Enumerable.Range(0, 30).Select(i => $"- {{ name: c{i}, type: statistics, inputs: {{ data: nowhere.data }} }}"));
        var failure = Fail(Job(components));
        Assert.Equal(30, failure.Total);
        Assert.Equal(JobFile.MaxErrors, failure.Errors.Count);
        Assert.Equal(failure.Errors.OrderBy(e => e.Line), failure.Errors);
        Assert.Contains("... and 10 more", failure.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{Source}: 30 errors", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_names_a_file_that_cannot_be_read()
    {
        var path = Path.Combine(Path.GetTempPath(), $"concord-no-such-job-{Guid.NewGuid():N}.yaml");
        var failure = Assert.Throws<JobFileException>(() => JobFile.Load(path));
        Assert.Contains(path, failure.Message, StringComparison.Ordinal);
        Assert.Contains("cannot read the job file", failure.Message, StringComparison.Ordinal);
    }
}
