using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace CivilAffairs.Web.Kernel.Localization;

/// <summary>Marker type for the shared UI strings.</summary>
public sealed class SharedResource;

/// <summary>
/// UI strings are written in Chinese (the default culture) and used as keys; Resources/strings.{culture}.json maps
/// them to other languages. A missing translation falls back to the Chinese text.
/// </summary>
public sealed class JsonStringLocalizerFactory(IWebHostEnvironment env) : IStringLocalizerFactory
{
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> _tables = new();

    public IStringLocalizer Create(Type resourceSource) => new JsonStringLocalizer(this);
    public IStringLocalizer Create(string baseName, string location) => new JsonStringLocalizer(this);

    internal IReadOnlyDictionary<string, string> Table(CultureInfo culture)
    {
        var lang = culture.TwoLetterISOLanguageName;
        if (lang == "zh") return EmptyTable;
        return _tables.GetOrAdd(lang, l =>
        {
            var path = Path.Combine(AppContext.BaseDirectory, "Resources", $"strings.{l}.json");
            if (!File.Exists(path)) path = Path.Combine(env.ContentRootPath, "Resources", $"strings.{l}.json");
            return File.Exists(path)
                ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path)) ?? []
                : EmptyTable;
        });
    }

    private static readonly IReadOnlyDictionary<string, string> EmptyTable = new Dictionary<string, string>();
}

internal sealed class JsonStringLocalizer(JsonStringLocalizerFactory factory) : IStringLocalizer
{
    public LocalizedString this[string name]
    {
        get
        {
            var found = factory.Table(CultureInfo.CurrentUICulture).TryGetValue(name, out var value);
            return new LocalizedString(name, found ? value! : name, resourceNotFound: !found);
        }
    }

    public LocalizedString this[string name, params object[] arguments] =>
        new(name, string.Format(CultureInfo.CurrentCulture, this[name].Value, arguments));

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        factory.Table(CultureInfo.CurrentUICulture).Select(kv => new LocalizedString(kv.Key, kv.Value));
}
