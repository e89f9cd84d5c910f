using System.Text.Json;
using System.Text.RegularExpressions;

namespace CivilAffairs.Tests.Architecture;

/// <summary>
/// English is available for every page: each text a page localises by its Chinese key (<c>L["…"]</c>) has an entry in
/// Resources/strings.en.json, and every entry keeps the placeholders of its key.
/// </summary>
public sealed partial class LocalizationCoverageTests
{
    private static string WebProject()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CivilAffairs.slnx"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("repository root not found"), "src", "CivilAffairs.Web");
    }

    private static Dictionary<string, string> English() =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(WebProject(), "Resources", "strings.en.json")))!;

    [GeneratedRegex(@"L\[""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LocalisedLiteral();

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex Placeholder();

    [Fact]
    public void Every_text_a_page_localises_has_an_english_entry()
    {
        var english = English();
        var missing = Directory.EnumerateFiles(WebProject(), "*.cshtml", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => LocalisedLiteral().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: Regex.Unescape(m.Groups[1].Value))))
            .Where(x => !english.ContainsKey(x.Key))
            .Select(x => $"{x.File}: {x.Key}").Distinct().ToList();
        Assert.True(missing.Count == 0, "No English for:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Every_english_entry_keeps_the_placeholders_of_its_key()
    {
        static string Shape(string s) => string.Join(",", Placeholder().Matches(s).Select(m => m.Value).Order(StringComparer.Ordinal));
        var wrong = English().Where(e => Shape(e.Key) != Shape(e.Value)).Select(e => $"{e.Key} → {e.Value}").ToList();
        Assert.True(wrong.Count == 0, "Placeholders differ:\n" + string.Join("\n", wrong));
    }
}
