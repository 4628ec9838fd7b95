package live.blossom.sale;

/** The Lua scripts of the sale engine: one per transition, each its own resource file. */
public record SaleScripts(LuaScript reserve, LuaScript pay, LuaScript cancel, LuaScript expire,
                          LuaScript create, LuaScript allocate) {

    public static SaleScripts load() {
        return new SaleScripts(LuaScript.named("reserve"), LuaScript.named("pay"), LuaScript.named("cancel"),
                LuaScript.named("expire"), LuaScript.named("create"), LuaScript.named("allocate"));
    }
}
