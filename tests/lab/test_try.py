import time
import pytest

pytestmark = pytest.mark.lab


def test_try(lab, chromium):
    ctx = chromium.new_context(viewport={"width": 1366, "height": 900})
    page = ctx.new_page()
    for name in ["fee-ramp.ipynb"]:
        t = time.monotonic()
        page.goto(lab.tree(name))
        page.wait_for_timeout(15000)
        page.screenshot(path="/tmp/lab-0.png")
        print(
            page.evaluate(
                "() => [typeof window.jupyterapp, window.jupyterapp && String(window.jupyterapp.shell.currentWidget)]"
            )
        )
        page.wait_for_function(
            "() => window.jupyterapp && window.jupyterapp.shell.currentWidget && window.jupyterapp.shell.currentWidget.sessionContext && window.jupyterapp.shell.currentWidget.sessionContext.session && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel",
            timeout=60000,
        )
        print("open", time.monotonic() - t)
        page.screenshot(path="/tmp/lab-open.png")
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        page.wait_for_function(
            """() => { const nb = window.jupyterapp.shell.currentWidget;
          const k = nb.sessionContext.session.kernel;
          const cells = [...nb.content.model.cells].filter(c => c.type === 'code');
          return k.status === 'idle' && cells.every(c => c.executionCount !== null); }""",
            timeout=120000,
        )
        print("ran", time.monotonic() - t)
        page.screenshot(path="/tmp/lab-ran.png", full_page=True)
        print(
            page.locator("text=Error displaying widget").count(),
            page.locator(".jp-RenderedMarkdown:has-text(':::{')").count(),
        )
