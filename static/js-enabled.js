// Runs first in <body>, before it paints: tells GOV.UK Frontend's styles that scripts run here.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
