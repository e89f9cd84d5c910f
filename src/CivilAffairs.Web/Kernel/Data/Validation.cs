namespace CivilAffairs.Web.Kernel.Data;

/// <summary>Field-level validation failure: field name → zh-CN messages. Nothing has been saved.</summary>
public sealed class ValidationFailedException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("提交的内容有误：" + string.Join("；", errors.SelectMany(e => e.Value)))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>The record does not exist or lies outside the caller's division (both answer 404).</summary>
public sealed class NotFoundException(string message = "记录不存在或不在您的管辖范围内") : Exception(message);

/// <summary>Someone saved the record in between (optimistic concurrency).</summary>
public sealed class StaleEditException() : Exception("该记录已被他人修改，请刷新页面后重试");

/// <summary>Collects field errors, then throws them all at once.</summary>
public sealed class Validator
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public Validator Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    public bool HasError(string field) => _errors.ContainsKey(field);

    /// <summary>Required text without control characters, at most <paramref name="max"/> characters.</summary>
    public string? Text(string field, string label, string? value, int max, bool required = false)
    {
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v))
        {
            if (required) Add(field, $"请填写{label}");
            return null;
        }
        if (v.Length > max) Add(field, $"{label}不能超过 {max} 个字符（现为 {v.Length} 个）");
        var multiline = field.EndsWith("Notes", StringComparison.Ordinal) || field.EndsWith("Note", StringComparison.Ordinal);
        if (HasInvisibleCharacters(v)) Add(field, $"{label}含有不可见的控制字符");
        else if (!multiline && v.Any(c => c is '\r' or '\n' or '\t')) Add(field, $"{label}不能包含换行或制表符");
        return v;
    }

    /// <summary>
    /// Control characters (other than line breaks and tabs), format characters such as bidirectional overrides and
    /// zero-width marks (which can disguise a name), and unpaired surrogates.
    /// </summary>
    public static bool HasInvisibleCharacters(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { i++; continue; }
                return true;
            }
            if (char.IsLowSurrogate(c)) return true;
            if (char.IsControl(c) && c is not ('\r' or '\n' or '\t')) return true;
            if (char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format) return true;
        }
        return false;
    }

    public void ThrowIfInvalid()
    {
        if (!IsValid) throw new ValidationFailedException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }
}

/// <summary>The caller's role may not do this (the record itself is in scope).</summary>
public sealed class ForbiddenException(string message) : Exception(message);
