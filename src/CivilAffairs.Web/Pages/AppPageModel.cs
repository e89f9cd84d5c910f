using CivilAffairs.Web.Kernel.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CivilAffairs.Web.Pages;

/// <summary>Turns the handlers' exceptions into field-level messages (the form keeps what was typed) or 404.</summary>
public abstract class AppPageModel : PageModel
{
    /// <summary>Runs a command; false (with ModelState errors) when the input was refused and nothing was saved.</summary>
    protected async Task<bool> TryAsync(Func<Task> action, string prefix = "Input.")
    {
        try
        {
            await action();
            return true;
        }
        catch (ValidationFailedException e)
        {
            foreach (var (field, messages) in e.Errors)
                foreach (var m in messages) ModelState.AddModelError(string.IsNullOrEmpty(field) ? "" : prefix + field, m);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(e.Field is null ? "" : prefix + e.Field, e.Message);
        }
        catch (StaleEditException e)
        {
            ModelState.AddModelError("", e.Message);
        }
        catch (ForbiddenException e)
        {
            ModelState.AddModelError("", e.Message);
        }
        return false;
    }

    /// <summary>The current filters as a query string (without "?"), for the list's export link.</summary>
    public string CurrentQuery => (Request.QueryString.Value ?? "").TrimStart('?').Replace("handler=Export", "", StringComparison.Ordinal);

    /// <summary>Builds a query string for list links, keeping the current filters.</summary>
    protected string QueryWith(params (string Key, object? Value)[] changes)
    {
        var q = Request.Query.ToDictionary(kv => kv.Key, kv => (string?)kv.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in changes) q[k] = v?.ToString();
        return QueryString.Create(q.Where(kv => !string.IsNullOrEmpty(kv.Value))).Value ?? "";
    }
}

/// <summary>Maps NotFoundException thrown from any page handler to a 404 page.</summary>
public sealed class NotFoundPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is NotFoundException)
        {
            executed.ExceptionHandled = true;
            executed.Result = new NotFoundResult();
        }
        else if (executed.Exception is ForbiddenException)
        {
            executed.ExceptionHandled = true;
            executed.Result = new ForbidResult();
        }
    }
}
