namespace FlexMigrate.Api;

/// <summary>
/// Something a person can do to a migration now, as the status offers it: the dashboard draws one button (and a
/// small form of <see cref="Fields"/>) per action and posts the form as JSON to <see cref="Path"/>, relative to the
/// API base (e.g. "migrations/{id}/cutover"). A new control is one more action here and one more route.
/// </summary>
/// <param name="Name">Stable name ("cutover", "cancel").</param>
/// <param name="Title">Button text.</param>
/// <param name="Path">POST route relative to the API base.</param>
/// <param name="Description">What happens, shown before confirming.</param>
/// <param name="Enabled">False when it is offered but cannot run yet; <paramref name="Reason"/> says why.</param>
/// <param name="Reason">Why it is disabled, or a condition worth knowing.</param>
/// <param name="Fields">Inputs sent as the JSON body.</param>
/// <param name="Danger">True for actions that cannot be taken back (drawn as such).</param>
public sealed record MigrationAction(
    string Name,
    string Title,
    string Path,
    string Description,
    bool Enabled,
    string? Reason,
    IReadOnlyList<ActionField> Fields,
    bool Danger = false);

/// <summary>One input of an action's form.</summary>
/// <param name="Name">JSON property name in the body.</param>
/// <param name="Label">What the page shows.</param>
/// <param name="Kind">"choice" (one of <paramref name="Choices"/>), "number", or "fixed" (not shown; <paramref name="Default"/> is sent as it is).</param>
/// <param name="Default">Initial value.</param>
/// <param name="Choices">The values of a choice, each with its label.</param>
/// <param name="Help">One line explaining the input.</param>
public sealed record ActionField(
    string Name,
    string Label,
    string Kind,
    string Default,
    IReadOnlyList<ActionChoice>? Choices = null,
    string? Help = null);

/// <summary>A value of a choice field and its label.</summary>
public sealed record ActionChoice(string Value, string Label);
