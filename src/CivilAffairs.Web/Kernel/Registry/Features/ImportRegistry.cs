using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Divisions;
using CivilAffairs.Web.Kernel.Excel;
using CivilAffairs.Web.Kernel.Jobs;
using CivilAffairs.Web.Kernel.Security;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Web.Kernel.Registry.Features;

/// <summary>
/// Excel import of people and households (background job). Every row is validated — ID check character,
/// duplicates inside the file and against the registry, unknown or out-of-scope community, households without
/// exactly one head — and the file is imported whole or not at all; a per-row error report is attached.
/// </summary>
public sealed class ImportRegistry(DivisionDirectory divisions, TimeProvider clock) : IJobHandler
{
    public const string JobKind = "registry-import";
    public string Kind => JobKind;

    public static class Columns
    {
        public const string HouseholdKey = "户号";
        public const string Relationship = "与户主关系";
        public const string IdNumber = "身份证号码";
        public const string Name = "姓名";
        public const string Gender = "性别";
        public const string Ethnicity = "民族";
        public const string Phone = "联系电话";
        public const string RegisteredAddress = "户籍地址";
        public const string Community = "现居社区代码";
        public const string Address = "家庭住址";
        public const string DisabilityCategory = "残疾类别";
        public const string DisabilityGrade = "残疾等级";
        public const string Notes = "备注";

        public static readonly string[] All = [HouseholdKey, Relationship, IdNumber, Name, Gender, Ethnicity, Phone, RegisteredAddress, Community, Address, DisabilityCategory, DisabilityGrade, Notes];
        public static readonly string[] Required = [HouseholdKey, Relationship, IdNumber, Name, Community];
    }

    public sealed record RowError(int Row, string? HouseholdKey, string? IdNumber, string? Name, string Errors);

    /// <summary>The template users download: the header row and two example rows (one household).</summary>
    public static byte[] Template()
    {
        var rows = new[]
        {
            new[] { "H001", "户主", "11010519491231002X", "张三", "女", "汉族", "13800138000", "湖北省黄石市黄石港区某路 1 号", "420202070004", "黄石港区某路 1 号 2 单元 301", "", "", "示例行，请删除" },
            new[] { "H001", "子女", "440524188001010014", "张小三", "男", "汉族", "", "湖北省黄石市黄石港区某路 1 号", "420202070004", "", "肢体残疾", "3", "示例行，请删除" },
        };
        return ExcelFile.Write(rows, Columns.All.Select((c, i) => (c, (Func<string[], object?>)(r => r[i]))).ToArray());
    }

    public async Task RunAsync(JobContext context, CancellationToken ct)
    {
        var input = await context.InputAsync(ct) ?? throw new InvalidOperationException("任务缺少上传的文件");
        List<Dictionary<string, string?>> rows;
        try
        {
            using var headerStream = new MemoryStream(input.Content);
            var headers = ExcelFile.Headers(headerStream);
            var missing = Columns.Required.Where(c => !headers.Contains(c)).ToList();
            if (missing.Count > 0) throw new DomainException("文件缺少必需的列：" + string.Join("、", missing) + "。请使用下载的模板。");
            using var stream = new MemoryStream(input.Content);
            rows = ExcelFile.Read(stream);
        }
        catch (DomainException) { throw; }
        catch (Exception e)
        {
            throw new DomainException("无法读取文件，请上传 .xlsx 格式的 Excel 文件（" + e.GetType().Name + "）");
        }

        var result = await ValidateAsync(context.Db, rows, context, ct);
        if (result.Errors.Count > 0)
        {
            var report = ExcelFile.Write(result.Errors,
                ("行号", e => e.Row), ("户号", e => e.HouseholdKey), ("身份证号码", e => PiiMask.IdNumber(e.IdNumber)), ("姓名", e => e.Name), ("错误", e => e.Errors));
            context.AttachOutput("导入错误报告.xlsx", ExcelFile.ContentType, report);
            context.Job.Summary = $"共 {result.RowCount} 行，其中 {result.Errors.Select(e => e.Row).Distinct().Count()} 行有错误；按“全部或全不”规则，未导入任何数据。请下载错误报告，修改后重新上传。";
            throw new ImportRejectedException(context.Job.Summary);
        }

        await using var tx = await context.Db.Database.BeginTransactionAsync(ct);
        var done = 0;
        foreach (var group in result.Households)
        {
            var household = Household.Create(group.Community, group.Address, group.Members);
            foreach (var (p, _) in group.Members) context.Db.Persons.Add(p);
            context.Db.Households.Add(household);
            done += group.Members.Count;
            if (context.Db.ChangeTracker.Entries().Count() >= 1000)
            {
                await context.Db.SaveChangesAsync(ct);
                foreach (var entry in context.Db.ChangeTracker.Entries().Where(e => e.Entity is Person or Household).ToList())
                    entry.State = EntityState.Detached;
                await context.ReportAsync(result.RowCount + done, result.RowCount * 2, ct);
            }
        }
        await context.Db.SaveChangesAsync(ct);
        await context.ReportAsync(result.RowCount * 2, result.RowCount * 2, ct);
        await tx.CommitAsync(ct);
        context.Job.Summary = $"导入成功：{result.Households.Count} 户，{result.RowCount} 人。";
    }

    internal sealed record HouseholdGroup(string Key, string Community, string? Address, List<(Person Person, Relationship Relationship)> Members);

    internal sealed record ValidationResult(int RowCount, List<RowError> Errors, List<HouseholdGroup> Households);

    internal async Task<ValidationResult> ValidateAsync(AppDbContext db, List<Dictionary<string, string?>> rows, JobContext? progress, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var errors = new List<RowError>();
        var parsed = new List<(int Row, string Key, Person? Person, Relationship? Relationship, string? Address, string? Id, string? Name)>();
        var idsInFile = new Dictionary<string, int>(StringComparer.Ordinal);
        var rowCount = 0;

        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var rowNumber = i + 2; // header is row 1
            if (r.Values.All(string.IsNullOrWhiteSpace)) continue;
            rowCount++;
            string? Get(string c) => r.TryGetValue(c, out var x) ? x : null;
            var v = new Validator();
            var key = v.Text("户号", "户号", Get(Columns.HouseholdKey), 50, required: true);
            var relationship = PersonRules.ParseRelationship(Get(Columns.Relationship));
            if (relationship is null) v.Add("关系", "请填写与户主关系");
            else if (relationship == (Relationship)(-1)) v.Add("关系", $"与户主关系“{Get(Columns.Relationship)}”不正确");
            DisabilityCategory? category = null;
            var categoryText = Get(Columns.DisabilityCategory);
            if (!string.IsNullOrWhiteSpace(categoryText))
            {
                category = Enum.GetValues<DisabilityCategory>().Cast<DisabilityCategory?>().FirstOrDefault(c => PersonRules.DisabilityName(c!.Value) == categoryText.Trim() || c.ToString() == categoryText.Trim());
                if (category is null) v.Add("残疾类别", $"残疾类别“{categoryText}”不正确");
            }
            int? grade = null;
            var gradeText = Get(Columns.DisabilityGrade);
            if (!string.IsNullOrWhiteSpace(gradeText))
            {
                if (int.TryParse(gradeText.Trim().TrimEnd('级'), out var g)) grade = g;
                else v.Add("残疾等级", "残疾等级应为 1–4");
            }
            var input = new NewPersonInput
            {
                IdNumber = Get(Columns.IdNumber), Name = Get(Columns.Name), Gender = Get(Columns.Gender), Ethnicity = Get(Columns.Ethnicity),
                Phone = Get(Columns.Phone), RegisteredAddress = Get(Columns.RegisteredAddress), DivisionCode = Get(Columns.Community),
                DisabilityCategory = category, DisabilityGrade = grade, Notes = Get(Columns.Notes),
            };
            var (id, name) = PersonRules.ValidateNew(v, "", input, today);
            var address = v.Text("家庭住址", "家庭住址", Get(Columns.Address), 200);
            await divisions.ValidateCommunityAsync(v, "社区", input.DivisionCode, ct);
            if (id is not null)
            {
                if (idsInFile.TryGetValue(id.Value.Value, out var firstRow)) v.Add("身份证", $"身份证号码与第 {firstRow} 行重复");
                else idsInFile[id.Value.Value] = rowNumber;
            }
            Person? person = null;
            if (v.IsValid)
            {
                try { person = PersonRules.Build(id!.Value, name!, input); }
                catch (DomainException e) { v.Add("行", e.Message); }
            }
            if (!v.IsValid) errors.Add(new RowError(rowNumber, key, input.IdNumber, input.Name, Describe(v)));
            parsed.Add((rowNumber, key ?? "", person, relationship, address, id?.Value, input.Name));
            if (progress is not null && rowCount % 500 == 0) await progress.ReportAsync(rowCount, rows.Count * 2, ct);
        }

        if (rowCount == 0) errors.Add(new RowError(2, null, null, null, "文件中没有数据行"));

        // Duplicates against the registry, across every division (one person per ID in the whole system).
        var allIds = idsInFile.Keys.ToList();
        var existing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in allIds.Chunk(500))
        {
            var found = await db.Persons.IgnoreQueryFilters().Where(p => chunk.Contains(p.IdNumber)).Select(p => p.IdNumber).ToListAsync(ct);
            existing.UnionWith(found);
        }
        foreach (var p in parsed.Where(p => p.Id is not null && existing.Contains(p.Id)))
            AddError(errors, p.Row, p.Key, p.Id, p.Name, "身份证号码已在系统中登记，不能重复登记");

        // Households: exactly one head; every member in the head's community.
        var households = new List<HouseholdGroup>();
        foreach (var group in parsed.Where(p => p.Key != "").GroupBy(p => p.Key, StringComparer.Ordinal))
        {
            var heads = group.Count(p => p.Relationship == Relationship.Head);
            if (heads == 0)
                foreach (var p in group) AddError(errors, p.Row, p.Key, p.Id, p.Name, $"户号 {group.Key} 没有户主（须有一行“与户主关系”为“户主”）");
            else if (heads > 1)
                foreach (var p in group.Where(p => p.Relationship == Relationship.Head)) AddError(errors, p.Row, p.Key, p.Id, p.Name, $"户号 {group.Key} 有 {heads} 名户主，只能有一名");
            var head = group.FirstOrDefault(p => p.Relationship == Relationship.Head && p.Person is not null);
            if (head.Person is not null)
                foreach (var p in group.Where(p => p.Person is not null && p.Person.DivisionCode != head.Person.DivisionCode))
                    AddError(errors, p.Row, p.Key, p.Id, p.Name, $"户号 {group.Key} 的成员须与户主居住在同一社区（户主为 {head.Person.DivisionCode}）");
            if (group.All(p => p.Person is not null && p.Relationship is not null and not (Relationship)(-1) && p.Person.DivisionCode == head.Person?.DivisionCode) && heads == 1)
                households.Add(new HouseholdGroup(group.Key, head.Person!.DivisionCode, group.Select(p => p.Address).FirstOrDefault(a => a is not null),
                    group.Select(p => (p.Person!, p.Relationship!.Value)).ToList()));
        }
        errors.Sort((a, b) => a.Row.CompareTo(b.Row));
        return new ValidationResult(rowCount, MergeByRow(errors), households);
    }

    private static void AddError(List<RowError> errors, int row, string? key, string? id, string? name, string message) =>
        errors.Add(new RowError(row, key, id, name, message));

    private static List<RowError> MergeByRow(List<RowError> errors) =>
        errors.GroupBy(e => e.Row).Select(g => g.First() with { Errors = string.Join("；", g.Select(e => e.Errors)) }).ToList();

    private static string Describe(Validator v)
    {
        try { v.ThrowIfInvalid(); return ""; }
        catch (ValidationFailedException e) { return string.Join("；", e.Errors.SelectMany(x => x.Value)); }
    }
}

/// <summary>The import found errors; nothing was saved and the error report is attached.</summary>
public sealed class ImportRejectedException(string message) : Exception(message);
