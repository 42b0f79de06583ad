namespace Concord.Board.Views.Components;

/// <summary>One part of a component's page: a figure, a table, a sentence, or links between figures.</summary>
public abstract record ViewBlock;

/// <summary>An SVG figure from <see cref="Charts"/>; <paramref name="Scrolls"/> when it keeps a width wider than the page (a tree).</summary>
public sealed record FigureBlock(string Svg, bool Scrolls = false) : ViewBlock;

/// <summary>A table of text cells; numbers are already formatted.</summary>
public sealed record TableBlock(string? Caption, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) : ViewBlock;

/// <summary>A sentence the reader should know, such as how a curve was derived.</summary>
public sealed record NoteBlock(string Text) : ViewBlock;

/// <summary>Links that choose one of several figures (tree 1 of N); the current one is not a link.</summary>
public sealed record ChoiceBlock(string Label, IReadOnlyList<Choice> Choices) : ViewBlock;

public sealed record Choice(string Text, string Href, bool Current);

/// <summary>A headed group of blocks: "ROC", "Loss per epoch", "Tree 3".</summary>
public sealed record ViewSection(string Heading, IReadOnlyList<ViewBlock> Blocks);
