import { appError } from '../../../lib/error-catalogue';

/**
 * Every error the knowledge base answers with beyond the common family (400/401/403/404): its
 * code, status and message, in one place. Routes list these codes in their `errors`.
 */
export const KnowledgeErrors = {
  // Entries
  entryArchived: appError(409, 'KNOWLEDGE_ARCHIVED', '已归档的条目不能修改，请先恢复为草稿'),
  entryIncomplete: appError(409, 'KNOWLEDGE_INCOMPLETE', (missing: string[]) => ({
    message: `发布前请补全：${missing.join('、')}`,
    details: missing.map((field) => ({ field, message: '发布前必须填写' })),
  })),
  editConflict: appError(409, 'KNOWLEDGE_EDIT_CONFLICT', '该条目已被他人修改，请刷新后再编辑'),
  entryMoved: appError(409, 'INVALID_TRANSITION', '条目当前状态不允许此操作，请刷新后重试'),

  // Synonyms
  synonymExists: appError(409, 'SYNONYM_EXISTS', '该词已有同义词设置'),

  // Unanswered questions
  questionHandled: appError(409, 'INVALID_TRANSITION', '该问题已处理'),
};
