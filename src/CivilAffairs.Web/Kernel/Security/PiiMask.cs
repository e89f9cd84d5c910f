namespace CivilAffairs.Web.Kernel.Security;

/// <summary>
/// Masks personal identifiers: for staff lists and exports 420202********1234, 138****5678, 6222********0001; on public
/// pages less — 张*, 欧**明 and 420***************34.
/// </summary>
public static class PiiMask
{
    public static string IdNumber(string? id)
    {
        if (string.IsNullOrEmpty(id)) return string.Empty;
        if (id.Length <= 10) return new string('*', id.Length);
        return string.Concat(id.AsSpan(0, 6), new string('*', id.Length - 10), id.AsSpan(id.Length - 4));
    }

    /// <summary>A bank account: the first and last 4 digits.</summary>
    public static string? BankAccount(string? account) =>
        account is null ? null : account.Length <= 8 ? new string('*', account.Length) : string.Concat(account.AsSpan(0, 4), new string('*', account.Length - 8), account.AsSpan(account.Length - 4));

    /// <summary>A name on a public page: 张三 → 张*; 欧阳小明 → 欧**明.</summary>
    public static string PublicName(string name) => name.Length switch
    {
        0 => "",
        1 => "*",
        2 => name[..1] + "*",
        _ => name[..1] + new string('*', name.Length - 2) + name[^1..],
    };

    /// <summary>An ID number on a public page: the first 3 and last 2 characters.</summary>
    public static string PublicIdNumber(string? id) =>
        string.IsNullOrEmpty(id) || id.Length < 6 ? "" : string.Concat(id.AsSpan(0, 3), new string('*', id.Length - 5), id.AsSpan(id.Length - 2));

    public static string Phone(string? phone)
    {
        if (string.IsNullOrEmpty(phone)) return string.Empty;
        if (phone.Length < 7) return new string('*', phone.Length);
        return string.Concat(phone.AsSpan(0, 3), new string('*', phone.Length - 7), phone.AsSpan(phone.Length - 4));
    }
}
